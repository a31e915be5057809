import { Command } from 'commander';
import { backup, restore } from './commands/backup.ts';
import { exportMasks } from './commands/export.ts';
import { generate } from './commands/generate.ts';
import { importData } from './commands/import.ts';
import { importMasks } from './commands/import-masks.ts';
import { importVideosCommand } from './commands/import-videos.ts';
import { projectCreate } from './commands/project-create.ts';
import { simulateCommand } from './commands/simulate.ts';
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

const project = program.command('project').description('Manage projects.');
project
  .command('create')
  .description('Create a project.')
  .requiredOption('--name <name>', 'display name')
  .requiredOption('--slug <slug>', 'short id: lower-case letters, digits, dashes')
  .option('--image-size <n>', 'model input size: 64 | 128 | 256', '128')
  .option('--strategy <s>', 'margin | entropy | attention | bald | random', 'margin')
  .action(projectCreate);

program
  .command('generate')
  .description('Generate the synthetic forgery benchmark (deterministic by seed) into a project or a folder.')
  .option('--preset <name>', 'face-swap | attribute-edit | inpainting | all-families', 'face-swap')
  .option('--benchmark <version>', 'v2 (related seen/unseen manipulations, cue outside the forgery) | v1', 'v2')
  .option('--project <slug>', 'write straight into this project')
  .option('--out <dir>', 'or write the folder layout (real/, fake/<m>/, masks/<m>/, manifest.csv)')
  .option('--seed <n>', 'seed', '1')
  .option('--size <px>', 'image side', '128')
  .option('--train <n>', 'training images', '2000')
  .option('--val <n>', 'validation images', '400')
  .option('--test <n>', 'test images (half seen, half unseen manipulations)', '800')
  .action(generate);

program
  .command('import')
  .description('Import a folder layout or a FaceForensics++ tree into a project (re-importing adds nothing).')
  .argument('<dir>', 'root of the data')
  .requiredOption('--project <slug>', 'target project')
  .option('--layout <kind>', 'folder | faceforensics', 'folder')
  .option('--masks <role>', 'imported masks are training masks or reference (evaluation-only) masks', 'training')
  .option('--seed <s>', 'seed of the split for images without a manifest', '0')
  .action(importData);

program
  .command('import-masks')
  .description("Import masks made in another tool onto a project's samples, matched by file name (re-importing adds nothing).")
  .argument('<source>', 'COCO or Label Studio JSON file, or a folder of mask images')
  .requiredOption('--project <slug>', 'target project')
  .option('--format <f>', 'coco (RLE or polygons) | label-studio (brush tasks) | png-folder', 'coco')
  .option('--masks <role>', 'training masks (count against the budget) or reference (evaluation-only) masks', 'training')
  .option('--label <name...>', 'only these COCO categories / Label Studio brush labels (default all)')
  .action(importMasks);

program
  .command('import-videos')
  .description('Sample the frames of videos (mp4, webm, avi, …) into a project; FaceForensics++ mask videos become per-frame masks.')
  .argument('<dir>', 'folder layout (real/, fake/<manipulation>/, masks/<manipulation>/) or FaceForensics++ root')
  .requiredOption('--project <slug>', 'target project')
  .option('--layout <kind>', 'folder | faceforensics', 'folder')
  .option('--every <n>', 'every nth frame (default 25)')
  .option('--per-video <n>', 'or n frames evenly spaced over each video')
  .option('--masks <role>', 'mask-video masks are training or reference (evaluation-only) masks', 'training')
  .option('--seed <s>', 'seed of the split (all frames of a video share one)', '0')
  .action(importVideosCommand);

program
  .command('export')
  .description("Export a project's masks.")
  .requiredOption('--project <slug>', 'project')
  .requiredOption('--out <dir>', 'output folder')
  .option('--format <f>', 'png | coco | label-studio', 'png')
  .option('--reference', 'export the reference (ground-truth) masks instead of the collected ones')
  .action(exportMasks);

program
  .command('simulate')
  .description('Run the loop unattended with an oracle annotator and report learning curves against a no-mask baseline and a cue-free control (issue 12).')
  .option('--preset <names>', 'comma-separated presets', 'face-swap,attribute-edit,inpainting')
  .option('--benchmark <version>', 'synthetic benchmark version: v2 | v1', 'v2')
  .option('--strategies <list>', 'comma-separated strategies', 'margin,random')
  .option('--rounds <n>', 'rounds per strategy', '2')
  .option('--per-round <k>', 'masks per round (2 × 15 = 3 % of 1,000 training fakes)', '15')
  .option('--random-every-round', 'run random round by round too (default: its whole budget in one round, one training)')
  .option('--no-control', 'skip the cue-free control (first seed)')
  .option('--resume', 'keep what the report in --out already measured for this experiment; train only what it lacks (seeds, arms, the control)')
  .option('--seeds <list>', 'comma-separated seeds', '1,2,3')
  .option('--size <px>', 'image size: 32 | 64 | 128 | 256', '64')
  .option('--train <n>', 'training images', '2000')
  .option('--val <n>', 'validation images', '400')
  .option('--test <n>', 'test images', '2000')
  .option('--epochs <n>', 'training epochs per model (default: the model config\'s)')
  .option('--threads <n>', 'LAE threads', '2')
  .option('--model <json>', 'LAE config overrides, e.g. {"lambdaAtt":2}', '{}')
  .option('--out <dir>', 'report folder', 'reports/simulation')
  .action(simulateCommand);

program
  .command('backup')
  .description('Back up one project (images, every mask version, rounds, tasks, models and their artifacts) into a new folder.')
  .requiredOption('--project <slug>', 'project')
  .requiredOption('--out <dir>', 'a new or empty folder')
  .action(backup);

program
  .command('restore')
  .description('Restore a project backup (same ids), or a copy of it beside the original with --as.')
  .argument('<dir>', 'backup folder')
  .option('--as <slug>', 'restore as a copy under this slug (new ids)')
  .action(restore);

program.parseAsync().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
