import { replaceEdit } from '../../edits';
import { defineRule } from '../../rule';
import { displayBuildpackUrl } from '../../facts/buildpacks';
import { buildpackSites } from './manifest';

interface Data {
  readonly url: string;
  /** `http` or `git`. */
  readonly scheme: string;
  /** Offsets of the scheme (`http` / `git`) when the URL is verbatim in the source and on github.com. */
  readonly github?: { readonly start: number; readonly end: number };
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-APPJSON-019',
    name: 'insecure-buildpack-transport',
    title: 'Buildpack downloaded over an insecure transport',
    area: 'APPJSON',
    fileKinds: ['app.json'],
    severity: { common: 'med', private: 'high', shield: 'high' },
    status: 'U',
    preview: true,
    fix: 'safe',
    summary: 'A buildpack URL uses `http://` or `git://`, so the code that builds the app can be altered in transit.',
    recommendation: 'Fetch buildpacks over `https://` (for example `https://github.com/<owner>/<repo>#<tag>`).',
    controls: [],
    sources: [],
    feature: 'Heroku Flow (supply chain)',
    tags: ['app.json', 'buildpacks', 'supply-chain', 'tls'],
  },
  *check({ document }) {
    for (const site of buildpackSites(document.appJson)) {
      const match = /^(\s*)(http|git):\/\//i.exec(site.url);
      if (!match) continue;
      const scheme = match[2].toLowerCase();
      // Offer https only where it is known to serve the same repository: github.com, with the URL written verbatim.
      const verbatim = document.text.slice(site.node.offset + 1, site.node.offset + site.node.length - 1) === site.url;
      const host = /^\s*[a-z]+:\/\/(?:[^/@\s]*@)?([^/:#?\s]+)/i.exec(site.url)?.[1]?.toLowerCase();
      const onGithub = host === 'github.com' || host === 'www.github.com';
      const schemeStart = site.node.offset + 1 + match[1].length;
      yield {
        start: site.node.offset,
        end: site.node.offset + site.node.length,
        data: {
          url: displayBuildpackUrl(site.url.trim()),
          scheme,
          ...(verbatim && onGithub ? { github: { start: schemeStart, end: schemeStart + match[2].length } } : {}),
        },
      };
    }
  },
  message: ({ url, scheme }) => `Buildpack \`${url}\` is downloaded over unencrypted \`${scheme}://\`; use \`https://\`.`,
  fix: ({ data }, { document }) => {
    if (!data.github) return undefined;
    return {
      title: 'Use `https://`',
      // GitHub serves every repository over https (and redirects http), so only the transport changes.
      // git:// is no longer served by GitHub, so switching it changes the build: offer it for review.
      safety: data.scheme === 'http' ? 'safe' : 'suggestion',
      edits: [replaceEdit(document, data.github.start, data.github.end, 'https')],
    };
  },
});
