// Test hook of the sync (integration tests only): a named point between a server's answer and its recording at which
// this process is killed.

/**
 * `POSTKAMER_SYNC_KILL_POINT=after-create-eio:3` kills this process (SIGKILL) the third time the delivery reaches
 * `after-create-eio`. Without the variable, the checkpoint does nothing.
 */
export function killPointFromEnv(env: NodeJS.ProcessEnv): (name: string) => void {
  const kp = env.POSTKAMER_SYNC_KILL_POINT?.match(/^([a-z-]+):(\d+)$/);
  if (!kp) return () => undefined;
  const point = { name: kp[1], remaining: Number(kp[2]) };
  return (name) => {
    if (point.name === name && --point.remaining <= 0) process.kill(process.pid, 'SIGKILL');
  };
}
