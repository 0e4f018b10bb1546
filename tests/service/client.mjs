// A client of the rrnkit service written in another language, as a care system would write one.
//
//   node client.mjs BASE_URL NODE_MODULES [TOKEN]
//
// With Node's built-in fetch it posts the shipped examples (every document as
// JSON Lines, one document as application/json, and a bundle) to /v1/check
// (as_of=2026-11-28) and /v1/validate, and validates every report against the
// published report schema (JSON Schema 2020-12) with Ajv and ajv-formats.
// It then sends requests the service must refuse and validates each answer as
// RFC 9457 problem details. It prints a JSON summary on standard output and
// exits 1 if any answer was not what the service promises (each reason on
// standard error), 2 if it was called wrongly.

import { readFileSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const [baseUrl, nodeModules, token] = process.argv.slice(2);
if (!baseUrl || !nodeModules) {
  console.error("usage: node client.mjs BASE_URL NODE_MODULES [TOKEN]");
  process.exit(2);
}
const require = createRequire(join(resolve(nodeModules), "noop.js"));
const Ajv2020 = require("ajv/dist/2020").default;
const addFormats = require("ajv-formats").default;

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const AS_OF = "2026-11-28";
const PROBLEM = "application/problem+json";
const failures = [];
const summary = { reports: {}, problems: {} };

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validateReport = ajv.compile(
  JSON.parse(readFileSync(join(root, "schemas", "report.schema.json"), "utf8")),
);
// RFC 9457: type a URI reference, title and detail strings, status the HTTP status,
// instance a URI reference; the service sends these five members and no others
const validateProblem = ajv.compile({
  type: "object",
  properties: {
    type: { type: "string", format: "uri-reference", minLength: 1 },
    title: { type: "string", minLength: 1 },
    status: { type: "integer", minimum: 400, maximum: 599 },
    detail: { type: "string" },
    instance: { type: "string", format: "uri-reference" },
  },
  required: ["type", "title", "status", "detail", "instance"],
  additionalProperties: false,
});

function fail(what, reason) {
  failures.push(`${what}: ${reason}`);
}

function exampleFiles(folder) {
  const found = [];
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) found.push(...exampleFiles(path));
    else if (name.endsWith(".json")) found.push(path);
  }
  return found;
}

const examples = join(root, "examples");
const documents = exampleFiles(examples).map((p) => JSON.parse(readFileSync(p, "utf8")));
const incidents = readFileSync(join(examples, "incidents.jsonl"), "utf8")
  .split("\n")
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line));
const everything = [...documents, ...incidents];
const jsonLines = everything.map((d) => JSON.stringify(d)).join("\n") + "\n";

function headers(extra) {
  return token ? { authorization: `Bearer ${token}`, ...extra } : { ...extra };
}

async function call(path, init) {
  const response = await fetch(new URL(path, baseUrl), init);
  const text = await response.text();
  return { response, text };
}

async function report(name, path, body, media) {
  const { response, text } = await call(path, {
    method: "POST",
    body,
    headers: headers({ "content-type": media }),
  });
  const what = `${name} (POST ${path})`;
  if (response.status !== 200) return fail(what, `status ${response.status}, expected 200`);
  if (response.headers.get("content-type") !== "application/json")
    return fail(what, `content-type ${response.headers.get("content-type")}`);
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return fail(what, "the body is not JSON");
  }
  if (!validateReport(data)) {
    return fail(what, `not a valid report: ${ajv.errorsText(validateReport.errors)}`);
  }
  const exit = response.headers.get("rrnkit-exit-code");
  if (!["0", "1"].includes(exit)) fail(what, `Rrnkit-Exit-Code header ${exit}`);
  if (!response.headers.get("x-request-id")) fail(what, "no X-Request-Id header");
  summary.reports[name] = {
    command: data.command,
    exit_code: Number(exit),
    counts: data.counts,
    outcomes: data.outcomes ?? null,
  };
}

async function problem(name, path, init, status) {
  const { response, text } = await call(path, init);
  const what = `${name} (${init.method ?? "GET"} ${path})`;
  if (response.status !== status) return fail(what, `status ${response.status}, expected ${status}`);
  if (response.headers.get("content-type") !== PROBLEM)
    return fail(what, `content-type ${response.headers.get("content-type")}, expected ${PROBLEM}`);
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return fail(what, "the body is not JSON");
  }
  if (!validateProblem(data)) {
    return fail(what, `not RFC 9457 problem details: ${ajv.errorsText(validateProblem.errors)}`);
  }
  if (data.status !== response.status) fail(what, `status member ${data.status}`);
  if (data.instance !== `urn:uuid:${response.headers.get("x-request-id")}`)
    fail(what, "instance is not the request id");
  if (text.includes("Traceback")) fail(what, "a traceback in the answer");
  summary.problems[name] = { status: data.status, type: data.type };
}

const ndjson = "application/x-ndjson";
const bundle = {
  kind: "bundle",
  schema_version: "1.0",
  id: "bundle-northmoor-examples",
  organisation_id: "org-northmoor-mh",
  documents: everything,
};

await report("check examples as JSON Lines", `/v1/check?as_of=${AS_OF}`, jsonLines, ndjson);
await report(
  "check examples, findings only",
  `/v1/check?as_of=${AS_OF}&outcomes=findings`,
  jsonLines,
  ndjson,
);
await report("check examples as a bundle", `/v1/check?as_of=${AS_OF}`, JSON.stringify(bundle), "application/json");
await report("validate examples as JSON Lines", "/v1/validate", jsonLines, ndjson);
await report(
  "validate one document",
  "/v1/validate",
  readFileSync(join(examples, "organisation.json")),
  "application/json",
);
await report("validate a body that is not JSON", "/v1/validate", '{"kind": "incident",\n', "application/json");

const json = { "content-type": "application/json" };
await problem(
  "a date that does not exist",
  "/v1/check?as_of=2026-02-30",
  { method: "POST", body: "{}", headers: headers(json) },
  400,
);
await problem(
  "an unknown rule pack",
  `/v1/check?as_of=${AS_OF}&rules=uof-actt`,
  { method: "POST", body: "{}", headers: headers(json) },
  400,
);
await problem(
  "a body of another media type",
  "/v1/validate",
  { method: "POST", body: "{}", headers: headers({ "content-type": "text/plain" }) },
  415,
);
await problem("an unknown rule", "/v1/rules/NO-SUCH-RULE", { headers: headers({}) }, 404);
await problem("a method the path does not take", "/v1/check", { headers: headers({}) }, 405);
if (token) {
  await problem(
    "no token",
    `/v1/check?as_of=${AS_OF}`,
    { method: "POST", body: "{}", headers: json },
    401,
  );
}

console.log(JSON.stringify(summary, null, 2));
for (const failure of failures) console.error(failure);
process.exit(failures.length ? 1 : 0);
