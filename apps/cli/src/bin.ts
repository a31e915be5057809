import { Command } from 'commander';
import { start } from './commands/start.ts';
import { userCreate } from './commands/user-create.ts';
import { fail } from './output.ts';

const program = new Command()
  .name('lae-studio')
  .description('LAE Studio: pixel-level forgery masks and active learning for the Locality-Aware AutoEncoder.')
  .showHelpAfterError();

program
  .command('start')
  .description('Bring the platform up: database, Redis, migrations, seed, web (production build) and worker.')
  .action(start);

const user = program.command('user').description('Manage user accounts.');
user
  .command('create')
  .description('Create a user. Without --password, a password is generated and printed once.')
  .requiredOption('--email <email>', 'sign-in email')
  .option('--role <role>', 'admin | reviewer | annotator', 'annotator')
  .option('--name <name>', 'display name')
  .option('--password <password>', 'initial password (at least 10 characters)')
  .action(userCreate);

program.parseAsync().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
