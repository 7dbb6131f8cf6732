"use strict";
/** Markdown table, SVG chart and raw JSON for one run, all stamped with date, machine and versions. */
const fs = require("node:fs");
const path = require("node:path");
const { WORKLOADS } = require("./workloads");
const { loadPeer } = require("./peers");

const COLORS = {
  "raw-better-sqlite3": "#6b7280", "raw-knex": "#9ca3af", "raw-sqlite3": "#d1d5db", eloquent: "#dc2626",
  objection: "#2563eb", sequelize: "#0891b2", typeorm: "#ea580c", "mikro-orm": "#7c3aed", drizzle: "#65a30d", prisma: "#0f766e",
};

function label(peer) {
  try {
    return loadPeer(peer).label;
  } catch {
    return peer;
  }
}

const ratio = (cell, base) => (cell && cell.stats && base && base.stats ? cell.stats.median / (cell.floorMedian?.[base.peer] ?? base.stats.median) : NaN);
const cpuRatio = (cell, base) =>
  cell && cell.cpu && base && base.cpu ? cell.cpu.median / (cell.floorCpuMedian?.[base.peer] ?? base.cpu.median) : NaN;
/** A peer ORM (not a floor, not eloquent) whose median beats eloquent's in that cell: wall, CPU, both or none. */
function peerWins(cell, eloquentCell) {
  if (!cell || !eloquentCell || cell.peer === "eloquent" || loadPeerSafe(cell.peer)?.floor) return [];
  const wins = [];
  if (cell.stats && eloquentCell.stats && cell.stats.median < eloquentCell.stats.median) wins.push("wall");
  if (cell.cpu && eloquentCell.cpu && cell.cpu.median < eloquentCell.cpu.median) wins.push("CPU");
  return wins;
}
const WIN = " ⚑";
/** eloquent's target against the raw better-sqlite3 floor (issue 18): ≤ 1.10× by CPU, and by wall on a quiet machine. */
const FLOOR_TARGET = 1.1;
const mark = (cell) => (cell && cell.reusedFrom ? " †" : "");
const fmtRatio = (r) => (Number.isFinite(r) ? `${r < 10 ? r.toFixed(2) : r.toFixed(1)}×` : "–");
const escapeMd = (s) => String(s).replace(/\|/g, "\\|").replace(/\n/g, " ");
const escapeXml = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function markdown({ opts, info, peers, cells, versions, fmtMs, floor, knexFloor }) {
  const find = (w, p) => cells.find((c) => c.workloadId === w && c.peer === p);
  const lines = [];
  lines.push(`# Relation loading side by side: eloquent and peer ORMs on SQLite`, "");
  lines.push(`- date: ${info.date}`);
  lines.push(`- machine: ${info.cpu}, ${info.cores} cores, ${info.memoryGb} GB RAM, ${info.platform}; load average at start ${info.loadAverage} (cores shared with other work: expect noise)`);
  lines.push(`- Node ${info.node}, SQLite ${info.sqlite} (better-sqlite3), eloquent revision ${info.revision}`);
  lines.push(`- method: each peer × workload in its own child process, one at a time, peers in rotated order; the rounds split over ${opts.passes ?? 1} pass(es) through all peers (rotated again each pass, samples merged); in each process ${opts.warmup} warm-up round(s) and the untimed gate round, then ${opts.rounds} timed rounds (W6: ×${WORKLOADS.w6.samplesPerRound} samples per round); ${opts.gc === false ? "**no** forced gc between samples (`--no-gc`: a server's steady state)" : "gc between samples, outside the timing"}; the correctness gate (canonical output deep-equal to raw better-sqlite3) runs first and a cell that fails it is not timed${opts.quick ? "; **quick smoke run, not for publication**" : ""}`);
  lines.push(`- command: \`${opts.command || "npm run bench:peers"}\``);
  lines.push(`- how each peer loads (strategies, the W5 workarounds of peers without polymorphic relations, Prisma's generation): [bench/peers/README.md](../peers/README.md)`);
  lines.push(`- columns: median wall time of one complete load (parents + relations, hydrated the peer's usual way); p25–p75; ratio of medians to the raw better-sqlite3 floor and to the raw knex floor; median CPU time (user + system, all threads of the child) and its ratio to the floor's; SQL statements executed (counted at the driver); peak RSS of the child process; load = 1-minute load average when the cell finished (on ${info.cores} cores: above ${info.cores} means the cell shared the CPU)`);

  const reused = [...new Set(cells.filter((c) => c.reusedFrom).map((c) => c.reusedFrom))];
  if (reused.length) {
    lines.push(`- † cells were measured in an earlier run (${reused.join(", ")}) and kept (\`--reuse\`); their ratios use that run's floors`);
  }
  lines.push("");
  const matrix = (title, ratioOf, metric) => {
    lines.push(title, "");
    lines.push(`| workload | ${peers.map(label).join(" | ")} |`);
    lines.push(`| --- | ${peers.map(() => "---:").join(" | ")} |`);
    for (const w of opts.only) {
      const base = find(w, floor);
      const row = peers.map((p) => {
        const c = find(w, p);
        if (!c) return "–";
        if (!c.stats) return c.status;
        const won = peerWins(c, find(w, "eloquent")).includes(metric);
        return `${won ? "**" : ""}${fmtRatio(ratioOf(c, base))}${won ? `**${WIN}` : ""}${mark(c)}`;
      });
      lines.push(`| ${WORKLOADS[w].title} | ${row.join(" | ")} |`);
    }
    lines.push("");
  };
  lines.push(`${WIN.trim()} marks every cell where a peer ORM beats eloquent on that workload (by the matrix's measure: wall or CPU median).`, "");
  matrix(`## Summary: median wall time as a multiple of raw better-sqlite3 (lower is better)`, ratio, "wall");
  matrix(`## Summary: median CPU time as a multiple of raw better-sqlite3 (less disturbed by other load on shared cores)`, cpuRatio, "CPU");

  const verdicts = [];
  for (const w of opts.only) {
    const e = find(w, "eloquent");
    const ormCells = cells.filter((c) => c.workloadId === w && c.stats && !loadPeerSafe(c.peer)?.floor && c.peer !== "eloquent");
    if (!e || !e.stats) {
      verdicts.push(`- ${WORKLOADS[w].title}: eloquent ${e ? e.status + (e.reason ? ` (${e.reason})` : "") : "not run"}`);
      continue;
    }
    const faster = ormCells.filter((c) => c.stats.median < e.stats.median).map((c) => `${label(c.peer)} (${fmtRatio(c.stats.median / e.stats.median)} of eloquent's time)`);
    const fasterCpu = e.cpu ? ormCells.filter((c) => c.cpu && c.cpu.median < e.cpu.median).map((c) => label(c.peer)) : [];
    const cpuToFloor = cpuRatio(e, find(w, floor));
    const wallToFloor = ratio(e, find(w, floor));
    const target = Number.isFinite(cpuToFloor)
      ? ` — eloquent ÷ raw better-sqlite3: ${fmtRatio(cpuToFloor)} CPU, ${fmtRatio(wallToFloor)} wall (target ≤ ${FLOOR_TARGET.toFixed(2)}× CPU: ${cpuToFloor <= FLOOR_TARGET ? "met" : "MISSED"})`
      : "";
    verdicts.push(`- ${WORKLOADS[w].title}${target}: ${faster.length === 0 ? "eloquent is the fastest ORM measured (wall time)" : `faster than eloquent (wall time): ${faster.join(", ")}`}; by CPU time: ${fasterCpu.length === 0 ? "eloquent fastest" : fasterCpu.join(", ") + " faster"}`);
  }
  lines.push(`## Goal check: eloquent faster than every peer ORM`, "", ...verdicts, "");
  const flagged = [];
  for (const w of opts.only) {
    const e = find(w, "eloquent");
    for (const c of cells.filter((x) => x.workloadId === w)) {
      const wins = peerWins(c, e);
      if (wins.length) {
        const by = wins.map((m) => (m === "wall" ? `wall ${fmtMs(c.stats.median)} vs ${fmtMs(e.stats.median)} ms` : `CPU ${fmtMs(c.cpu.median)} vs ${fmtMs(e.cpu.median)} ms`));
        flagged.push(`- ${WIN.trim()} ${WORKLOADS[w].title}: ${label(c.peer)} beats eloquent by ${by.join(", ")}`);
      }
    }
  }
  lines.push(`## Cells where a peer wins`, "", ...(flagged.length ? flagged : ["- none: eloquent has the lowest wall and CPU median of the ORMs on every workload measured"]), "");

  for (const w of opts.only) {
    const wl = WORKLOADS[w];
    const base = find(w, floor);
    const knex = find(w, knexFloor);
    lines.push(`## ${wl.title}: ${wl.description}`, "");
    lines.push(`| peer | status | median ms | p25–p75 ms | × better-sqlite3 | × knex | CPU ms | CPU × better-sqlite3 | statements | peak RSS MB | load | beats eloquent |`);
    lines.push(`| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |`);
    const eCell = find(w, "eloquent");
    const rows = peers.map((p) => find(w, p)).filter(Boolean);
    rows.sort((a, b) => (a.stats ? a.stats.median : Infinity) - (b.stats ? b.stats.median : Infinity));
    for (const c of rows) {
      const name = (c.peer === "eloquent" ? `**${label(c.peer)}**` : label(c.peer)) + mark(c);
      if (!c.stats) {
        lines.push(`| ${name} | ${c.status}: ${escapeMd(c.reason || "")} | – | – | – | – | – | – | ${c.statements ?? "–"} | – | ${c.load ?? "–"} | – |`);
        continue;
      }
      lines.push(`| ${name} | OK | ${fmtMs(c.stats.median)} | ${fmtMs(c.stats.p25)}–${fmtMs(c.stats.p75)} | ${fmtRatio(ratio(c, base))} | ${fmtRatio(ratio(c, knex))} | ${c.cpu ? fmtMs(c.cpu.median) : "–"} | ${fmtRatio(cpuRatio(c, base))} | ${c.statements} | ${Math.round(c.maxRssKb / 1024)} | ${c.load ?? "–"} | ${peerWins(c, eCell).map((m) => WIN.trim() + " " + m).join(", ") || ""} |`);
    }
    lines.push("");
  }

  lines.push(`## Versions`, "");
  for (const p of peers) lines.push(`- ${label(p)}: ${versions[p]}`);
  lines.push("");
  return lines.join("\n");
}

function loadPeerSafe(p) {
  try {
    return loadPeer(p);
  } catch {
    return null;
  }
}

/** Horizontal bars per workload, log-scaled ratio to the raw better-sqlite3 floor. */
function svg({ opts, info, peers, cells, floor }) {
  const find = (w, p) => cells.find((c) => c.workloadId === w && c.peer === p);
  const barH = 14, gap = 4, groupGap = 26, left = 170, plotW = 560, right = 90, top = 64;
  const maxRatio = Math.max(2, ...cells.map((c) => ratio(c, find(c.workloadId, floor))).filter(Number.isFinite));
  const maxLog = Math.log10(Math.pow(10, Math.ceil(Math.log10(maxRatio) * 2) / 2));
  const x = (r) => left + (Math.log10(Math.max(r, 1)) / maxLog) * plotW;
  const parts = [];
  let y = top;
  for (const w of opts.only) {
    parts.push(`<text x="8" y="${y + 11}" font-weight="bold">${escapeXml(WORKLOADS[w].title)} — ${escapeXml(WORKLOADS[w].description)}</text>`);
    y += 18;
    const base = find(w, floor);
    for (const p of peers) {
      const c = find(w, p);
      if (!c) continue;
      const r = ratio(c, base);
      parts.push(`<text x="${left - 6}" y="${y + barH - 3}" text-anchor="end"${p === "eloquent" ? ' font-weight="bold"' : ""}>${escapeXml(label(p))}</text>`);
      if (Number.isFinite(r)) {
        const wBar = Math.max(2, x(r) - left);
        parts.push(`<rect x="${left}" y="${y}" width="${wBar.toFixed(1)}" height="${barH}" fill="${COLORS[p] || "#444"}"/>`);
        parts.push(`<text x="${(left + wBar + 4).toFixed(1)}" y="${y + barH - 3}">${fmtRatio(r)} · ${c.stats.median >= 10 ? c.stats.median.toFixed(0) : c.stats.median.toFixed(2)} ms</text>`);
      } else {
        parts.push(`<text x="${left + 4}" y="${y + barH - 3}" fill="#b91c1c">${escapeXml(c.status)}${c.reason ? ": " + escapeXml(c.reason.slice(0, 70)) : ""}</text>`);
      }
      y += barH + gap;
    }
    y += groupGap;
  }
  const height = y + 10;
  const width = left + plotW + right;
  const ticks = [1, 2, 5, 10, 20, 50, 100, 200, 500].filter((t) => Math.log10(t) <= maxLog + 1e-9);
  const grid = ticks.map((t) => `<line x1="${x(t).toFixed(1)}" y1="${top - 6}" x2="${x(t).toFixed(1)}" y2="${height - 20}" stroke="#e5e7eb"/><text x="${x(t).toFixed(1)}" y="${top - 10}" text-anchor="middle" fill="#6b7280">${t}×</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="11">
<rect width="100%" height="100%" fill="#fff"/>
<text x="8" y="18" font-size="14" font-weight="bold">Relation loading on SQLite: median time ÷ raw better-sqlite3 (log scale, lower is better)</text>
<text x="8" y="34" fill="#374151">${escapeXml(`${info.date.slice(0, 10)} · ${info.cpu} × ${info.cores} · ${info.memoryGb} GB · Node ${info.node} · SQLite ${info.sqlite} · ${opts.rounds} rounds${opts.quick ? " (quick smoke run)" : ""}`)}</text>
${grid.join("\n")}
${parts.join("\n")}
</svg>
`;
}

function writeReport(run) {
  fs.mkdirSync(run.opts.out, { recursive: true });
  const stem = `peers-${run.info.date.slice(0, 10)}${run.opts.quick ? "-quick" : ""}`;
  const md = markdown(run);
  const mdPath = path.join(run.opts.out, `${stem}.md`);
  const svgPath = path.join(run.opts.out, `${stem}.svg`);
  const jsonPath = path.join(run.opts.out, `${stem}.json`);
  fs.writeFileSync(mdPath, `${md}\n![chart](./${stem}.svg)\n`);
  fs.writeFileSync(svgPath, svg(run));
  const { cells, info, versions, opts } = run;
  fs.writeFileSync(jsonPath, `${JSON.stringify({ info, opts, versions, cells }, null, 1)}\n`);
  return { markdown: md, mdPath, svgPath, jsonPath };
}

module.exports = { writeReport, markdown, peerWins };
