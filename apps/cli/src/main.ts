import 'reflect-metadata';
import { Command } from 'commander';
import { registerAnalyzeCommand } from './commands/analyze.command';
import { registerDatabaseCommands } from './commands/database.command';
import { registerDemoJourneyCommand } from './commands/demo-journey.command';
import { registerQuoteCommand } from './commands/quote.command';
import { registerSolveAssignmentCommand } from './commands/solve-assignment.command';
import { registerSolveScheduleCommand } from './commands/solve-schedule.command';
import { registerStartCommand } from './commands/start.command';

const program = new Command('partsmith')
  .description('Partsmith: on-demand manufacturing marketplace — server, tools and engines')
  .showHelpAfterError();

registerStartCommand(program);
registerDatabaseCommands(program);
registerDemoJourneyCommand(program);
registerAnalyzeCommand(program);
registerQuoteCommand(program);
registerSolveScheduleCommand(program);
registerSolveAssignmentCommand(program);

program.parseAsync(process.argv).catch((error: Error) => {
  process.stderr.write(`partsmith: ${error.message}\n`);
  process.exitCode = 1;
});
