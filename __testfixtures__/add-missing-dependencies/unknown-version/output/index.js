const chalk = require('chalk');
console.log(chalk.green('ok'));
