import { expect, it } from "vitest";
import { checkGraph } from "eloquent-engine";
import { col, graph, model, pk, rel } from "./support";

// Linear-time sanity: a 5,000-model graph completes (timing lives in bench/engine, not here).
it("checks 5,000 interlinked models", () => {
  const models = [];
  for (let i = 0; i < 5000; i++) {
    const next = `M${(i + 1) % 5000}`;
    models.push(
      model(`M${i}`, [
        pk(),
        col(`m${(i + 4999) % 5000}_id`, "int"),
        rel("next", "hasMany", next),
        rel("prev", "belongsTo", `M${(i + 4999) % 5000}`),
        rel("notes", "morphMany", "Note", { morphName: "notable" }),
      ]),
    );
  }
  models.push(
    model("Note", [
      pk(),
      col("notable_type", "string"),
      col("notable_id", "int"),
      rel("notable", "morphTo", "Notable", { morphName: "notable" }),
    ]),
  );
  const result = checkGraph(graph(...models));
  expect(result.filter((d) => d.severity === "error")).toEqual([]);
  expect(result.map((d) => d.ruleId)).toEqual(["morph-to-target"]);
});
