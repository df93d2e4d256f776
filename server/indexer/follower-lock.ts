/**
 * Who may follow the chain: one follower at a time across instances. An instance without the lock keeps
 * trying; the holder keeps it until it stops or dies. On SQLite the data folder has one service (the
 * folder lock), so that service always holds it; on PostgreSQL see `postgres-follower-lock.ts`.
 */
export interface FollowerLock {
  /** Takes the lock if nobody holds it; true when this instance holds it (now or already). */
  tryAcquire(): Promise<boolean>;
  /** Whether this instance still holds it (a dropped database connection loses it). */
  readonly held: boolean;
  release(): Promise<void>;
}

/** The single instance's lock: a SQLite data folder is served by one process only. */
export class SoleFollowerLock implements FollowerLock {
  held = false;

  async tryAcquire(): Promise<boolean> {
    this.held = true;
    return true;
  }

  async release(): Promise<void> {
    this.held = false;
  }
}
