import type { Db, Tx } from '../../db/client.ts';
import { listAuthoredBy, renameAuthor, type AuthoredActivity } from './activities.repo.ts';

/** The activities a person logged through their field account: for a copy of their data, and for erasing it. */
export function createActivityAuthorsService({ db }: { db: Db }) {
  return {
    /** What the user logged, oldest first (deleted activities left out). */
    authoredBy(userId: string): Promise<AuthoredActivity[]> {
      return listAuthoredBy(db, userId);
    },

    /** Puts `name` in place of the user's name on what they logged, in the caller's transaction; the counts stay. */
    forgetAuthor(tx: Tx, userId: string, name: string): Promise<number> {
      return renameAuthor(tx, userId, name);
    },
  };
}

/** The activity authors service's surface. */
export type ActivityAuthorsService = ReturnType<typeof createActivityAuthorsService>;
