import type { PrismaPg } from "@prisma/adapter-pg";

type Adapter = Awaited<ReturnType<PrismaPg["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;

/**
 * Makes the queries of each interactive transaction run one after another. Prisma's query
 * interpreter reads the relations of an `include` concurrently, and inside a transaction they
 * all go to the one pg client, which queues them but warns ("Calling client.query() when the
 * client is already executing a query", removed in pg 9). The order and the results are the
 * same as pg's own queue; only the queueing moves here.
 * @throws nothing (wraps the factory; queries fail as before)
 */
export function serializeTransactionQueries(factory: PrismaPg): PrismaPg {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => serialize(await startTransaction(isolationLevel));
    return adapter;
  };
  return factory;
}

function serialize(transaction: Transaction): Transaction {
  const queryRaw = transaction.queryRaw.bind(transaction);
  const executeRaw = transaction.executeRaw.bind(transaction);
  let tail: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(run: () => Promise<T>): Promise<T> => {
    const result = tail.then(run);
    tail = result.catch(() => undefined);
    return result;
  };
  transaction.queryRaw = (query) => inTurn(() => queryRaw(query));
  transaction.executeRaw = (query) => inTurn(() => executeRaw(query));
  return transaction;
}
