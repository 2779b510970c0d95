import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { appendKey, generateKey, readKeyFile, removeKey } from './api-keys';
import { isRole, ROLES } from './roles';
import { secureDataDir } from './data-dir-permissions';

const USAGE = `Usage: npm run keys -- <command> [--file FILE]
  add <principal> <role+role>   generate a key; prints its token once (the file keeps a salted hash)
  list                          key ids, principals and roles (no secrets)
  revoke <keyId>                remove a key
The running service re-reads the file on change and on SIGHUP. FILE defaults to
API_KEYS_FILE, else DATA_DIR/api-keys (DATA_DIR defaults to ./data). Roles: ${ROLES.join(', ')}.`;

/** Manages the hashed key file without a restart of the service: `npm run keys -- add clerk-ana clerk`. */
export function runKeysTool(argv: string[], out: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): number {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { file: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    out(USAGE);
    return values.help ? 0 : 2;
  }
  const dataDir = process.env.DATA_DIR ?? './data';
  const file = values.file ?? process.env.API_KEYS_FILE ?? join(dataDir, 'api-keys');
  if (!values.file && !process.env.API_KEYS_FILE) secureDataDir(dataDir);
  switch (command) {
    case 'add': {
      const [principal, roleSpec] = rest;
      const roles = (roleSpec ?? '').split('+');
      if (!principal || !roles.every(isRole)) throw new Error(`add needs <principal> <role+role> with roles from ${ROLES.join(', ')}`);
      const { token, key } = generateKey(principal, roles.filter(isRole));
      appendKey(file, key);
      out(`key ${key.keyId} for ${principal} (${roles.join('+')}) added to ${file}; its token, shown this once:`);
      out(token);
      return 0;
    }
    case 'list':
      for (const key of readKeyFile(file)) out(`${key.keyId}  ${key.principal}  ${key.roles.join('+')}`);
      return 0;
    case 'revoke':
      if (!rest[0]) throw new Error('revoke needs <keyId>');
      if (!removeKey(file, rest[0])) throw new Error(`no key ${rest[0]} in ${file}`);
      out(`key ${rest[0]} revoked in ${file}`);
      return 0;
    default:
      out(USAGE);
      return 2;
  }
}

if (require.main === module) {
  try {
    process.exitCode = runKeysTool(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 2;
  }
}
