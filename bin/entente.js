#!/usr/bin/env node
// The `entente` command. TypeScript is loaded through tsx so that the CLI, the server and the
// tests always run the same sources, with no build step to forget (docs/decisions/0002).
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
