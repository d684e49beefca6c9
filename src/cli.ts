// The entry: parses arguments with commander and hands each command to its own module, loaded lazily so
// that non-interactive commands never load Ink or React (start-up time).
import { Command, CommanderError, Option } from 'commander';
import { runMain } from './commands/run-main.js';
import { PHASES } from './core/content/phases.js';
import { packageVersion } from './core/package-root.js';

// `sdcoach questions | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});


const program = new Command('sdcoach')
  .description('A terminal coach for system-design interviews.')
  .version(packageVersion(), '-v, --version')
  .option(
    '--bank <dir>',
    'load an extra question pack (a folder with question-bank/ and rubrics/); repeatable',
    (dir: string, acc: string[]) => [...acc, dir],
    [] as string[],
  )
  .option('--no-color', 'disable colour (also NO_COLOR=1 or TERM=dumb)')
  .showSuggestionAfterError(true)
  .configureOutput({ writeErr: (s) => process.stderr.write(s) })
  .exitOverride();

const phaseOption = new Option('--phase <phase>', 'grade the answer as one phase').choices([...PHASES]);

program
  .command('practice [id]')
  .description('start a timed mock interview (interactive)')
  .option('--minutes <n>', 'total minutes, split 5/5/15/20 like the default 45')
  .option('--phase-minutes <list>', 'minutes per phase: requirements,estimation,design,deep-dive (e.g. 5,5,15,20)')
  .option('--difficulty <level>', 'deal a question of this difficulty')
  .option('--tag <tag>', 'deal a question with this tag')
  .option('--random', 'deal a random question')
  .option('--strict', 'advance automatically when a phase runs out of time')
  .option('--follow-ups <n>', 'number of deep-dive follow-up questions (default 2)')
  .action(runMain(async (id, opts, cmd) => (await import('./commands/practice.js')).practiceCommand(id, opts, cmd)));

program
  .command('resume [id]')
  .description('continue the newest unfinished session (or the one given)')
  .action(runMain(async (id, opts, cmd) => (await import('./commands/practice.js')).resumeCommand(id, opts, cmd)));

program
  .command('questions')
  .description('list the questions in the bank')
  .option('--json', 'print JSON')
  .option('--difficulty <level>', 'only easy, medium or hard questions')
  .option('--tag <tag>', 'only questions with this tag')
  .option('--concepts', 'list concept cards and quiz items instead')
  .action(runMain(async (opts, cmd) => (await import('./commands/questions.js')).questionsCommand(opts, cmd)));

program
  .command('question <id>')
  .description('show a question: the prompt, phases and follow-ups')
  .option('--json', 'print JSON')
  .option('--reveal', 'include the reference outlines')
  .action(runMain(async (id, opts, cmd) => (await import('./commands/question.js')).questionCommand(id, opts, cmd)));

program
  .command('grade <id> [file]')
  .description('grade a written answer (from a file, or stdin) against the rubric')
  .addOption(phaseOption)
  .option('--json', 'print JSON')
  .option('--llm', 'add the LLM second opinion (default: the `grader` setting)')
  .option('--no-llm', 'rubric grade only, whatever the `grader` setting says')
  .option('--model <name>', 'LLM model (overrides llm.model; implies --llm)')
  .option('--base-url <url>', 'OpenAI-compatible endpoint (overrides llm.baseURL; implies --llm)')
  .option('--samples <n>', 'grade each phase n times with shuffled item order and show the spread (implies --llm)')
  .option('--no-cache', 'ask the LLM again even if this answer was graded before')
  .option('--require-llm', 'exit 1 when the LLM grade is unavailable (implies --llm)')
  .action(runMain(async (id, file, opts, cmd) => (await import('./commands/grade.js')).gradeCommand(id, file, opts, cmd)));

program
  .command('validate [dir...]')
  .description('validate the built-in bank, or question packs')
  .option('--json', 'print JSON')
  .option('--self-check [id...]', "grade each question's reference outline against its own and every other rubric")
  .action(runMain(async (dirs, opts, cmd) => (await import('./commands/validate.js')).validateCommand(dirs, opts, cmd)));

program
  .command('history')
  .description('list past sessions: date, question, scores per phase, time, status')
  .option('--question <id>', 'only sessions of this question')
  .option('--limit <n>', 'at most n sessions, newest first')
  .option('--json', 'print JSON')
  .action(runMain(async (opts, cmd) => (await import('./commands/history.js')).historyCommand(opts, cmd)));

program
  .command('review [id]')
  .description('show a past session in full (default: last), with the change since the previous attempt')
  .option('--compare <id>', 'compare with this session instead of the previous attempt')
  .option('--json', 'print JSON')
  .action(runMain(async (id, opts, cmd) => (await import('./commands/review.js')).reviewCommand(id, opts, cmd)));

program
  .command('stats')
  .description('progress: averages and trend, time per phase, most missed items, what to practise next')
  .option('--json', 'print JSON')
  .action(runMain(async (opts, cmd) => (await import('./commands/stats.js')).statsCommand(opts, cmd)));

program
  .command('export <id|all>')
  .description('export a session, or all of them, as Markdown or JSON')
  .addOption(new Option('--format <format>', 'md or json').choices(['md', 'json']).makeOptionMandatory())
  .option('--out <file>', 'write to this file instead of stdout')
  .action(runMain(async (id, opts, cmd) => (await import('./commands/export.js')).exportCommand(id, opts, cmd)));

program
  .command('import <file>')
  .description('add sessions from a JSON export (validated; never overwrites)')
  .action(runMain(async (file, opts, cmd) => (await import('./commands/import.js')).importCommand(file, opts, cmd)));

program
  .command('delete <id>')
  .description('delete a session (asks on a terminal; otherwise needs --yes)')
  .option('-y, --yes', 'delete without asking')
  .action(runMain(async (id, opts, cmd) => (await import('./commands/delete.js')).deleteCommand(id, opts, cmd)));

const config = program.command('config').description('read and change settings (LLM endpoint, model, key, timers...)');
config
  .command('list')
  .description('show every setting with its value (an API key is never printed)')
  .option('--json', 'print JSON')
  .action(runMain(async (opts) => (await import('./commands/config.js')).configListCommand(opts)));
config
  .command('get <key>')
  .description('print one setting')
  .option('--json', 'print JSON')
  .action(runMain(async (key, opts) => (await import('./commands/config.js')).configGetCommand(key, opts)));
config
  .command('set <key> <value>')
  .description('change a setting; `-` reads the value from stdin (use it for llm.apiKey)')
  .action(runMain(async (key, value, opts) => (await import('./commands/config.js')).configSetCommand(key, value, opts)));
config
  .command('unset <key>')
  .description('remove a setting (back to its default)')
  .action(runMain(async (key, opts) => (await import('./commands/config.js')).configUnsetCommand(key, opts)));
config
  .command('path')
  .description('print where the settings file is')
  .action(runMain(async () => (await import('./commands/config.js')).configPathCommand()));

program
  .command('llm')
  .description('the optional LLM grader and interviewer')
  .command('check')
  .description('send one small request: reachability, model, structured-output mode, latency')
  .option('--json', 'print JSON')
  .option('--model <name>', 'model to check (overrides llm.model)')
  .option('--base-url <url>', 'endpoint to check (overrides llm.baseURL)')
  .action(runMain(async (opts, cmd) => (await import('./commands/llm.js')).llmCheckCommand(opts, cmd)));

/** Bare `sdcoach` (global options only) opens the home screen. */
const onlyGlobalOptions = (args: string[]): boolean => {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--no-color') continue;
    if (args[i] === '--bank') {
      i++;
      continue;
    }
    if (args[i]?.startsWith('--bank=')) continue;
    return false;
  }
  return true;
};

try {
  if (onlyGlobalOptions(process.argv.slice(2))) {
    program.parseOptions(process.argv.slice(2));
    await runMain(async () => (await import('./commands/practice.js')).homeCommand(program))();
  } else {
    await program.parseAsync(process.argv);
  }
} catch (e) {
  if (e instanceof CommanderError) {
    // Commander has already printed its message; usage errors exit 2 like other CLIs.
    process.exitCode = e.exitCode === 0 ? 0 : 2;
  } else {
    throw e;
  }
}
