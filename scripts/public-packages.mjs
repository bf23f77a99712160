/**
 * Prints the directory of every public (not `private`) workspace package under packages/, one a line, relative to
 * the repository root: the packages that are built, packed and published.
 */
import * as Fs from "node:fs"
import * as Path from "node:path"

const root = Path.resolve(import.meta.dirname, "..")
for (const dir of Fs.readdirSync(Path.join(root, "packages")).sort()) {
  const file = Path.join(root, "packages", dir, "package.json")
  if (Fs.existsSync(file) && JSON.parse(Fs.readFileSync(file, "utf8")).private !== true) console.log(`packages/${dir}`)
}
