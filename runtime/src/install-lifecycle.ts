/**
 * Installs the model write lifecycle (events, generated keys, change tracking: model/lifecycle.ts)
 * on the Mongo base class. The SQL base installs its own in sql-model.ts; both entry points
 * (`eloquent-orm`, `eloquent-orm/Model`) import this module so MongoModel gets it either way.
 */
import { installLifecycle } from "./model/lifecycle";
import { Model } from "./model/model";
import { MongoModelBase } from "./mongo/mongo-model";

installLifecycle(MongoModelBase, Model);
