/**
 * Where the emulator and the client run. On one machine they share its CPUs, and a client that keeps two of them
 * busy for a moment (decoding on its main thread, V8's helper threads beside it) delays the emulator's answers,
 * which a remote server would not feel. `separate` gives the emulator a CPU of its own (Linux `taskset`, every
 * thread), so the same run can measure both placements.
 */
import * as child from "node:child_process"
import * as os from "node:os"

export interface Placement {
  /** The emulator on the last CPU, this process on the others. */
  readonly separate: () => void
  /** Both processes on every CPU again. */
  readonly shared: () => void
  /** Which CPUs each side gets when separate, for the report. */
  readonly describe: string
}

const pin = (pid: number, cpus: string) => child.execFileSync("taskset", ["-a", "-p", "-c", cpus, String(pid)])

/** `undefined` when the machine cannot separate them: fewer than 2 CPUs, or no `taskset`. */
export const placement = (emulatorPid: number): Placement | undefined => {
  const count = os.availableParallelism()
  if (count < 2) return undefined
  try {
    child.execFileSync("taskset", ["-p", String(process.pid)])
  } catch {
    return undefined
  }
  const last = String(count - 1)
  const client = count === 2 ? "0" : `0-${count - 2}`
  const all = `0-${count - 1}`
  return {
    separate: () => {
      pin(emulatorPid, last)
      pin(process.pid, client)
    },
    shared: () => {
      pin(emulatorPid, all)
      pin(process.pid, all)
    },
    describe: `the emulator on CPU ${last}, the clients on CPU ${client} (\`taskset\`)`
  }
}
