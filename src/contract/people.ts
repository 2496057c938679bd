// The people who use Postkamer in the contract: who they are, how they sign in, lock and sign out, and how an
// administrator keeps the list of people.
import { z } from 'zod';
import { cmd } from './define';
import { ROLES } from './role-names';
import { IsoDateTime } from './schemas';
import { plainText } from './text';

const Empty = z.object({}).strict();
/** Names the audit trail uses for no person. */
export const RESERVED_LOGINS: readonly string[] = ['postkamer', 'onbekend'];

/** A login: lower-case letters, digits, dot, dash and underscore; what a person types to sign in. */
export const Login = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9._-]{1,39}$/,
    'een gebruikersnaam is 2 tot 40 tekens: kleine letters, cijfers, punt, streepje of liggend streepje',
  )
  // The workstation's own work is recorded as `postkamer`, a failed sign-in at an unknown login as `onbekend`.
  .refine((l) => !RESERVED_LOGINS.includes(l), 'deze gebruikersnaam is gereserveerd voor de werkplek zelf');
/** A PIN (6 digits or more) or a passphrase: at least 6 characters, no control characters, at most 1024. */
export const Pin = z
  .string()
  .min(6, 'een pincode of wachtwoord heeft minstens 6 tekens')
  .max(1024)
  // eslint-disable-next-line no-control-regex
  .refine((p) => !/[\u0000-\u001f\u007f]/.test(p), 'een pincode of wachtwoord bevat geen stuurtekens');
export const RoleName = z.enum(ROLES);
/** The person's id in the zaaksysteem (the JWT's user_id): printable, at most 255 characters. */
export const ZgwUserId = plainText().trim().min(1).max(255);
const PersonName = plainText().trim().min(1).max(120);

export const Person = z.object({
  login: z.string(),
  name: z.string(),
  roles: z.array(RoleName),
  zgwUserId: z.string().nullable(),
  disabled: z.boolean(),
  createdAt: IsoDateTime,
});
export type Person = z.infer<typeof Person>;

/** Who is at the workstation: nobody, a person, or a locked session that only its person (or a switch) resumes. */
export const AuthState = z.object({
  /** A store without people: nothing runs until the first administrator is made (`auth.setup`). */
  needsFirstAdmin: z.boolean(),
  /** The signed-in person, when the session is not locked. */
  person: Person.nullable(),
  /** The person whose session is locked (auto-lock, the OS locked or suspended, "vergrendelen"). */
  lockedFor: z.object({ login: z.string(), name: z.string() }).nullable(),
  autoLockMinutes: z.number().int(),
});
export type AuthState = z.infer<typeof AuthState>;

export const peopleCommands = {
  'auth.state': cmd(Empty, AuthState),
  /** The first administrator of a store without people; holds all four roles and is signed in. */
  'auth.setup': cmd(
    z.object({ login: Login, name: PersonName, pin: Pin, zgwUserId: ZgwUserId.nullable().default(null) }).strict(),
    AuthState,
  ),
  /** Signs in (also: resumes a locked session, or switches to another person). Attempts are rate-limited. */
  'auth.signIn': cmd(z.object({ login: z.string().max(100), pin: z.string().max(1024) }).strict(), AuthState),
  'auth.signOut': cmd(Empty, AuthState),
  /** Locks this session: its person signs in again to go on where they were. */
  'auth.lock': cmd(Empty, AuthState),
  /** The person is at work (a key or a click in the UI): postpones the auto-lock. */
  'auth.activity': cmd(Empty, z.object({})),
  'auth.changePin': cmd(z.object({ current: z.string().max(1024), next: Pin }).strict(), z.object({})),
  'people.list': cmd(Empty, z.array(Person)),
  'people.add': cmd(
    z
      .object({
        login: Login,
        name: PersonName,
        roles: z.array(RoleName).min(1).max(4),
        zgwUserId: ZgwUserId.nullable().default(null),
        pin: Pin,
      })
      .strict(),
    Person,
  ),
  /** Changes a person's name, roles, zaaksysteem id or whether they may sign in; the last administrator stays. */
  'people.update': cmd(
    z
      .object({
        login: Login,
        name: PersonName.optional(),
        roles: z.array(RoleName).min(1).max(4).optional(),
        zgwUserId: ZgwUserId.nullable().optional(),
        disabled: z.boolean().optional(),
      })
      .strict(),
    Person,
  ),
  /** Sets a new PIN for a person (who forgot theirs); their failed attempts are cleared. */
  'people.setPin': cmd(z.object({ login: Login, pin: Pin }).strict(), z.object({})),
} as const;
