import { Command, CommanderError, Option } from 'commander';
import { AUTHS, CLOUDS, DATABASES, IACS, PACKAGE_MANAGERS, STACKS, offered } from '../config/options.js';
import { VERSION } from '../version.js';

/**
 * Argument parsing only: each command's work is imported when it runs, so `--help` loads nothing else.
 * Commander's own usage errors become exit code 2 (bad usage), like every other user mistake.
 */
export async function main(argv: string[]): Promise<void> {
  const json = argv.includes('--json');
  const program = new Command()
    .name('create-backend')
    .description('Generate a complete, tested backend project from a data model.')
    .version(VERSION, '-v, --version')
    .argument('[directory]', 'where to create the project (default: the project name)')
    .option('-c, --config <file>', 'backend.yaml or .json: the data model and choices')
    .addOption(new Option('--stack <id>', `stack: ${offered(STACKS).join(' | ')}`))
    .addOption(new Option('--database <id>', `database: ${offered(DATABASES).join(' | ')}`))
    .addOption(new Option('--cloud <id[,id]>', `cloud targets: ${offered(CLOUDS).join(' | ')} (a comma list is allowed)`))
    .addOption(new Option('--auth <id>', `auth: ${AUTHS.join(' | ')}`))
    .addOption(new Option('--iac <id>', `infrastructure code for aws: ${IACS.join(' | ')} (default: terraform)`))
    .option('--entity <spec>', 'repeatable quick model: "Pet: name:string! age:integer owner:Owner"', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--template <dir|package>', 'in-house template pack layered over the built-in one')
    .addOption(new Option('--package-manager <pm>', `node stack: ${PACKAGE_MANAGERS.join(' | ')} (default: the one that ran us)`))
    .option('-y, --yes', 'never prompt: defaults for everything not given')
    .option('--dry-run', 'print what would be written; write nothing, run nothing')
    .option('--json', 'print one JSON result on stdout; human output goes to stderr')
    .option('--no-install', 'skip installing dependencies')
    .option('--no-git', 'skip git init and the first commit')
    .option('--force', 'write into a non-empty directory (files not ours are left untouched)')
    // Options after a subcommand are its own (`update --dry-run`), not the generator's of the same name.
    .enablePositionalOptions()
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeErr: () => {} })
    .action(async (directory: string | undefined, options: Record<string, unknown>) => {
      const { runCreate } = await import('./create.js');
      process.exitCode = await runCreate({ ...options, directory } as never);
    });

  program
    .command('validate')
    .description('check a spec file; print every problem; exit 0 or 2')
    .argument('<file>', 'backend.yaml or .json')
    .option('--json', 'print one JSON result on stdout')
    .action(async (file: string, options: { json?: boolean }) => {
      const { runValidate } = await import('./validate.js');
      process.exitCode = runValidate(file, Boolean(options.json || json));
    });

  program
    .command('import')
    .description('turn a JHipster JDL file, a Prisma schema or SQL DDL into a backend.yaml (printed, or written with -o)')
    .argument('<file>', 'model.jdl, schema.prisma or schema.sql')
    .option('-o, --output <file>', 'write the backend.yaml there instead of printing it')
    .option('--json', 'print one JSON result on stdout, with the warnings')
    .action(async (file: string, options: { output?: string; json?: boolean }) => {
      const { runImport } = await import('./import.js');
      process.exitCode = await runImport(file, { ...options, json: Boolean(options.json || json) });
    });

  program
    .command('update')
    .description('bring a generated project up to date with its backend.yaml (or --config FILE), keeping your edits')
    .argument('[directory]', 'the project folder', '.')
    .option('-c, --config <file>', 'a model that replaces backend.yaml for this update')
    .option('--template <dir|package>', 'in-house template pack layered over the built-in one')
    .addOption(new Option('--package-manager <pm>', `node stack: ${PACKAGE_MANAGERS.join(' | ')}`))
    .option('--allow-data-loss', 'allow a migration that drops tables or columns, or narrows a type')
    .option('-y, --yes', 'never prompt (update never does; accepted for scripts that pass it)')
    .option('--dry-run', 'list what would change and the new migration; write nothing')
    .option('--json', 'print one JSON result on stdout')
    .option('--no-install', 'skip installing dependencies')
    .action(async (directory: string, options: Record<string, unknown>) => {
      const { runUpdate } = await import('./update.js');
      process.exitCode = await runUpdate({ ...options, directory, json: Boolean(options.json || json) } as never);
    });

  program
    .command('add')
    .description('add entities (or fields of existing ones) to backend.yaml, then update')
    .argument('[directory]', 'the project folder', '.')
    .option('--entity <spec>', 'repeatable: "Vet: name:string! clinic:Clinic"', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--template <dir|package>', 'in-house template pack layered over the built-in one')
    .addOption(new Option('--package-manager <pm>', `node stack: ${PACKAGE_MANAGERS.join(' | ')}`))
    .option('--allow-data-loss', 'allow a migration that drops tables or columns, or narrows a type')
    .option('-y, --yes', 'never prompt (add never does; accepted for scripts that pass it)')
    .option('--dry-run', 'list what would change and the new migration; write nothing')
    .option('--json', 'print one JSON result on stdout')
    .option('--no-install', 'skip installing dependencies')
    .action(async (directory: string, options: Record<string, unknown>) => {
      const { runAdd } = await import('./add.js');
      process.exitCode = await runAdd({ ...options, directory, json: Boolean(options.json || json) } as never);
    });

  program
    .command('schema')
    .description('print the JSON Schema of the spec file')
    .action(async () => {
      const { specJsonSchema } = await import('../config/input-schema.js');
      process.stdout.write(`${JSON.stringify(specJsonSchema(), null, 2)}\n`);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') {
        process.exitCode = 0;
        return;
      }
      const message = err.message.replace(/^error: /, '');
      if (json) process.stdout.write(`${JSON.stringify({ ok: false, exitCode: 2, errors: [{ path: 'argv', message, hint: 'run create-backend --help for usage' }] }, null, 2)}\n`);
      process.stderr.write(`✖ ${message}\n  hint: run create-backend --help for usage\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`create-backend: internal error (please report it with the command you ran):\n${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  }
}
