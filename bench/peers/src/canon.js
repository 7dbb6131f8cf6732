"use strict";
/**
 * Canonical form for the correctness gate: plain objects holding only the shape's fields,
 * every list sorted by id. Two peers agree when their canonical JSON strings are equal.
 */
const crypto = require("node:crypto");

const MISSING = "<missing>";

function scalar(value) {
  if (value === undefined) return MISSING;
  if (typeof value === "bigint") return Number(value);
  return value;
}

function canonRow(row, shape) {
  if (row === null || row === undefined) return null;
  const out = {};
  for (const f of shape.fields) out[f] = scalar(row[f]);
  for (const [name, rel] of Object.entries(shape.rels || {})) {
    out[name] = rel.kind === "many" ? canonList(row[name], rel) : canonRow(row[name], rel);
  }
  return out;
}

function canonList(rows, shape) {
  if (!Array.isArray(rows)) return rows === undefined ? MISSING : `<not a list: ${typeof rows}>`;
  return rows.map((r) => canonRow(r, shape)).sort((a, b) => (a && b ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : 0));
}

function canonicalize(result, shape) {
  if (shape.kind === "lists") {
    const out = {};
    for (const [name, list] of Object.entries(shape.lists)) out[name] = canonList(result && result[name], list);
    return out;
  }
  return canonList(result, shape);
}

function digest(text) {
  return crypto.createHash("sha256").update(text).digest("hex");
}

/** First place two canonical values differ, as a readable path (for the WRONG cell's explanation). */
function firstDifference(actual, expected, at = "$") {
  if (actual === expected) return null;
  if (typeof actual !== typeof expected || actual === null || expected === null || typeof actual !== "object") {
    return `${at}: got ${JSON.stringify(actual)?.slice(0, 120)}, expected ${JSON.stringify(expected)?.slice(0, 120)}`;
  }
  if (Array.isArray(actual) !== Array.isArray(expected)) return `${at}: list/object mismatch`;
  if (Array.isArray(actual) && actual.length !== expected.length) {
    return `${at}: ${actual.length} items, expected ${expected.length}`;
  }
  const keys = new Set([...Object.keys(actual), ...Object.keys(expected)]);
  for (const k of keys) {
    const d = firstDifference(actual[k], expected[k], Array.isArray(actual) ? `${at}[${k}]` : `${at}.${k}`);
    if (d) return d;
  }
  return null;
}

module.exports = { canonicalize, digest, firstDifference };
