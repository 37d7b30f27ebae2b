import { roles, type Role } from '../core/contract/index.js';
import { CliError, UsageError, type CommandContext, type CommandSpec } from './command.js';

/** The environment variable `users create` reads the new password from. */
export const PASSWORD_ENV = 'CUADRA_PASSWORD';

/**
 * The new user's password: from stdin with --password-stdin, else from CUADRA_PASSWORD.
 * Never from an argument, which any user of the machine could read in the process list.
 */
async function readPassword(ctx: CommandContext): Promise<string> {
  if (ctx.flag('password-stdin')) {
    if (ctx.io.stdinIsTty) ctx.io.stderr('Type the password, then press Enter and Ctrl-D:\n');
    // One trailing line break is the end of the line, not part of the password.
    const password = (await ctx.io.readStdin()).replace(/\r?\n$/, '');
    if (!password) throw new CliError('no password on stdin');
    return password;
  }
  const password = ctx.io.env[PASSWORD_ENV];
  if (!password) throw new UsageError(`users create needs a password: set ${PASSWORD_ENV} or pass --password-stdin`);
  return password;
}

function parseRole(value: string): Role {
  const role = roles.find((r) => r === value.trim().toLowerCase());
  if (!role) throw new UsageError(`--role must be one of ${roles.join(', ')}, not ${JSON.stringify(value)}`);
  return role;
}

const createUser: CommandSpec = {
  name: 'users create',
  summary: `Create a user; the password comes from ${PASSWORD_ENV} or stdin, never from an argument.`,
  database: true,
  options: {
    username: { type: 'string', valueName: 'USERNAME', required: true, description: 'the login name' },
    'display-name': { type: 'string', valueName: 'NAME', required: true, description: 'the name shown in the app and the audit log' },
    role: { type: 'string', valueName: roles.join('|'), required: true, description: 'what the user may do' },
    'password-stdin': { type: 'boolean', description: `read the password from stdin instead of ${PASSWORD_ENV}` },
  },
  async run(ctx) {
    const role = parseRole(ctx.required('role'));
    const password = await readPassword(ctx);
    const core = await ctx.core();
    const user = await core.call('users.create', {
      username: ctx.required('username'),
      displayName: ctx.required('display-name'),
      role,
      password,
    });
    return { json: user, text: `Created user ${user.id} "${user.username}" (${user.displayName}, ${user.role}).\n` };
  },
};

/** The `users …` commands. */
export const usersCommands: readonly CommandSpec[] = [createUser];
