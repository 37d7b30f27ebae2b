/** Helpers for the importer tests: fixture bytes, parse with assertions, money/date shorthands. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseStatementFile } from '../../main/core/importers/index.js';
import type { Diagnostic, ParseOptions, ParseResult, Statement, StatementLine } from '../../main/core/importers/types.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** Bytes of a file under tests/fixtures/. */
export function fixture(path: string): Uint8Array {
  return new Uint8Array(readFileSync(FIXTURES + path));
}

/** Parse a fixture through the public entry point. */
export function parseFixture(path: string, options: ParseOptions = {}): ParseResult {
  return parseStatementFile(fixture(path), options);
}

/** The statement at `index`, failing the test clearly when it is missing. */
export function statementAt(result: ParseResult, index: number): Statement {
  const s = result.statements[index];
  if (!s) throw new Error(`no statement ${index} (have ${result.statements.length})`);
  return s;
}

/** The line at `index`, failing the test clearly when it is missing. */
export function lineAt(statement: Statement, index: number): StatementLine {
  const l = statement.lines[index];
  if (!l) throw new Error(`no line ${index} (have ${statement.lines.length})`);
  return l;
}

/** Diagnostic codes, for compact assertions. */
export function codes(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => d.code);
}

/** Σ of signed line amounts in minor units. */
export function sum(statement: Statement): number {
  return statement.lines.reduce((s, l) => s + l.amount.minor, 0);
}

/** Minor-unit amounts of the lines. */
export function amounts(statement: Statement): number[] {
  return statement.lines.map((l) => l.amount.minor);
}
