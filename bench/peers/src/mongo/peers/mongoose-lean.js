"use strict";
module.exports = require("./mongoose").peer(true);
