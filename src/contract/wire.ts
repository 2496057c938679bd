// The message format on every transport (MessagePort, WebSocket, in-process).
import { z } from 'zod';
import type { WireError } from './errors';

export const RequestMessage = z.object({
  t: z.literal('req'),
  id: z.number().int().nonnegative(),
  cmd: z.string().max(100),
  input: z.unknown(),
});
export type RequestMessage = z.infer<typeof RequestMessage>;

export type ResponseMessage = { t: 'res'; id: number; ok: true; data: unknown } | { t: 'res'; id: number; ok: false; error: WireError };

export interface EventMessage {
  t: 'evt';
  name: string;
  data: unknown;
}

export type ServerMessage = ResponseMessage | EventMessage;

export type Result<T> = { ok: true; data: T } | { ok: false; error: WireError };
