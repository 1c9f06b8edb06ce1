import { isTerraformParserLoaded } from '../../parsers/terraform';
import { defineRule } from '../../rule';

interface SyntaxErrorData {
  readonly message: string;
}

export default defineRule<SyntaxErrorData>({
  meta: {
    id: 'HRK-TF-000',
    name: 'syntax-error',
    title: 'Terraform syntax error',
    area: 'TF',
    fileKinds: ['terraform', 'tfvars'],
    severity: { common: 'high', private: 'high', shield: 'high' },
    status: 'C',
    preview: false,
    fix: 'none',
    summary: 'The Terraform file does not parse, so Terraform rejects it and the rules cannot see the broken part.',
    recommendation: 'Fix the syntax at the reported position; `terraform validate` shows the same error.',
    controls: [],
    sources: ['TF-INDEX'],
    feature: 'Terraform',
    tags: ['terraform', 'syntax'],
  },
  *check({ document }) {
    const hcl = document.hcl;
    // Without the parser no TF rule can see the file: say so once per file (lint reports it as a rule failure).
    if (!hcl && !isTerraformParserLoaded()) throw new Error('the Terraform parser is not loaded (call loadTerraformParser() before lint)');
    for (const error of hcl?.errors ?? []) {
      yield { start: error.start, end: Math.max(error.end, error.start), data: { message: error.message } };
    }
  },
  message: ({ message }) => message,
});
