"use strict";
/** One-pass Map stitching shared by the hand-written floors (and by peers lacking a relation kind). */

function hasMany(parents, children, fk, as, key = "id") {
  const byKey = new Map();
  for (const p of parents) {
    p[as] = [];
    byKey.set(p[key], p);
  }
  for (const c of children) byKey.get(c[fk])[as].push(c);
  return parents;
}

function belongsTo(children, owners, fk, as, key = "id") {
  const byKey = new Map();
  for (const o of owners) byKey.set(o[key], o);
  for (const c of children) c[as] = byKey.get(c[fk]) ?? null;
  return children;
}

const distinct = (rows, col) => [...new Set(rows.map((r) => r[col]))];
const ids = (rows) => rows.map((r) => r.id);

module.exports = { hasMany, belongsTo, distinct, ids };
