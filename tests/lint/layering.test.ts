import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root, overrideConfigFile: 'tests/eslint.config.js' });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layering rules of STYLE.md', () => {
  it('keeps electron and the hosts out of the core', async () => {
    expect(await restrictedImports('main/core/db/probe.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
    expect(await restrictedImports('main/core/db/probe.ts', "import { x } from '../../serve/server.js';\nexport const a = x;\n")).toHaveLength(1);
    expect(await restrictedImports('main/core/db/probe.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n")).toHaveLength(0);
  });

  it('lets the renderer import the contract and nothing else from main/ or Node', async () => {
    expect(await restrictedImports('renderer/src/probe.ts', "import { methods } from '../../main/core/contract/index.js';\nexport const a = methods;\n")).toHaveLength(0);
    expect(await restrictedImports('renderer/src/probe.ts', "import { openDatabase } from '../../main/core/db/open.js';\nexport const a = openDatabase;\n")).toHaveLength(1);
    expect(await restrictedImports('renderer/src/probe.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n")).toHaveLength(1);
    expect(await restrictedImports('renderer/src/probe.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n")).toHaveLength(1);
  });

  it('keeps electron out of browser mode and the command line', async () => {
    expect(await restrictedImports('main/serve/probe.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
    expect(await restrictedImports('main/cli/probe.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
  });

  it('keeps the preload bridge free of Electron and Node', async () => {
    expect(await restrictedImports('preload/bridge.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n")).toHaveLength(1);
  });
});
