"use strict";
// The seed package's entry: eloquent-orm's API plus validate, mixin, BaseModel, CoreModel and the seed's types.
module.exports = require("eloquent-orm/seed");
