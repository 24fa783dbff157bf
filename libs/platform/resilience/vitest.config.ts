import { defineProjectConfig } from '../../../vitest.shared.ts';

export default defineProjectConfig(import.meta.dirname);
