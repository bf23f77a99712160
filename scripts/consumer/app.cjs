// CommonJS, with plain node: the packages' `default` (require) condition.
"use strict"
const { Organizations } = require("@effect-workos/core")
const { OrganizationsMemory } = require("@effect-workos/fake")
const { OrganizationsHttp } = require("@effect-workos/http")
const { Chunk, Effect, Stream } = require("effect")
const program = require("./program.cjs")

if (typeof OrganizationsHttp.layer !== "object") throw new Error("@effect-workos/http did not load")
program.run({ Effect, Stream, Chunk, Organizations, OrganizationsMemory }).then(
  (result) => console.log(`cjs: ${JSON.stringify(result)}`),
  (error) => {
    console.error(error)
    process.exitCode = 1
  }
)
