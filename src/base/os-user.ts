// The name of the operating-system account the process runs as: who acted, where no person has signed in.
import { userInfo } from 'node:os';

/** The OS account's name, or `fallback` where there is none (a container without a passwd entry, an empty name). */
export function osUserName(fallback = 'onbekend'): string {
  try {
    return userInfo().username || fallback;
  } catch {
    return fallback;
  }
}
