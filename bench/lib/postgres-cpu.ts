// CPU time of the PostgreSQL processes serving one database, read from Linux's /proc: a
// benchmark's database work in seconds of CPU, which a busy machine stretches far less than
// wall-clock time. Backends that exit while measured are not counted.
import { readdirSync, readFileSync } from "node:fs";

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/**
 * Milliseconds of CPU (user + system) used so far by the live backends of `database`, or null
 * where /proc is not available (not Linux) or no backend is found.
 */
export function postgresCpuMs(database: string): number | null {
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  const backend = new RegExp(`^postgres: \\S+ ${database.replace(/\W/g, "\\$&")} \\S+\\(\\d+\\) `);
  let ticks = 0;
  let found = false;
  for (const pid of pids) {
    try {
      // A client backend's title: "postgres: <user> <database> <host>(<port>) <state>" (not
      // autovacuum's or the background processes').
      const title = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      if (!backend.test(title)) continue;
      // Fields after the command name: utime and stime are the 14th and 15th of the line.
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
      found = true;
    } catch {
      // the process ended meanwhile
    }
  }
  return found ? (ticks * 1000) / TICKS_PER_SECOND : null;
}
