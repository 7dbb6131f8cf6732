/**
 * Playground step 1: register the correct models strictly (any error would throw here), then
 * print the validation report of the deliberately broken set in playground/broken.
 */
import { formatReport, ModelRegistry, registerModels } from "eloquent-orm";
import { brokenModels } from "./broken";
import { mongoModels, sqlModels } from "./models";

export async function runValidation(): Promise<void> {
  const color = process.stdout.isTTY === true;
  const registered = registerModels([...sqlModels, ...mongoModels]);
  console.log(
    `eloquent: registered ${registered.models.length} playground models (${sqlModels.length} SQL, ${mongoModels.length} Mongo) ` +
      `— ${registered.diagnostics.length} diagnostics.`,
  );

  // The broken set lives in its own registry so its names never meet the real models.
  const broken = registerModels([...brokenModels], { strict: false, logger: false, registry: new ModelRegistry() });
  console.log("");
  console.log(
    formatReport(broken.diagnostics, {
      color,
      title: `eloquent: validation report of playground/broken (${brokenModels.length} models, one mistake per rule)`,
    }),
  );
  console.log("");
}
