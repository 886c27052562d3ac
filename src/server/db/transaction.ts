import { TransactionRollbackError } from 'drizzle-orm';
import type { Db, Tx } from './client.ts';

/** What a unit of work decided: whether its writes are kept, and what it computed either way. */
export interface Outcome<T> {
  isKept: boolean;
  value: T;
}

/**
 * Runs `work` in one transaction and commits it only when the work decides to keep it; otherwise
 * the transaction is rolled back through the driver (`tx.rollback()`). A dry run does every write
 * so its figures are exact, then keeps nothing, and still returns what it computed.
 */
export async function transactionWithOutcome<T>(db: Db, work: (tx: Tx) => Promise<Outcome<T>>): Promise<T> {
  let decided: Outcome<T> | null = null;
  try {
    await db.transaction(async (tx) => {
      decided = await work(tx);
      if (!decided.isKept) tx.rollback();
    });
  } catch (err) {
    // Drizzle reports the rollback it was asked for as an error; only that one is an outcome.
    if (!(err instanceof TransactionRollbackError && decided)) throw err;
  }
  return decided!.value;
}
