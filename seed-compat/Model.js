"use strict";
// The seed package's `/Model` subpath: SqlModel, MongoModel, BaseModel, CoreModel.
module.exports = require("eloquent-orm/seed/Model");
