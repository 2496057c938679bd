import { z } from 'zod';
import { cmd } from './define';

// Commands of the zaaksysteem delivery (ZGW sync). Merged into `commands` in commands.ts.
// Owned by the sync module; kept in its own file so the contract stays readable.
export const syncCommands = {} as const;
void z;
void cmd;
