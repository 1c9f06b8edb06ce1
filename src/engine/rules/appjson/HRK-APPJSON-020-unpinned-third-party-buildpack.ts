import { defineRule } from '../../rule';
import { buildpackPin, displayBuildpackUrl, isOfficialBuildpack, isRegistryShorthand } from '../../facts/buildpacks';
import { buildpackSites } from './manifest';

interface Data {
  readonly url: string;
  readonly branch?: string;
  readonly registry: boolean;
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-APPJSON-020',
    name: 'unpinned-third-party-buildpack',
    title: 'Unpinned third-party buildpack',
    area: 'APPJSON',
    fileKinds: ['app.json'],
    severity: { common: 'low', private: 'med', shield: 'high' },
    status: 'P',
    preview: false,
    fix: 'none',
    summary: 'A third-party buildpack is used without a pinned tag or commit, so every build runs whatever it currently contains.',
    recommendation: 'Pin third-party buildpacks to a reviewed release: `https://github.com/<owner>/<repo>#<tag-or-sha>`.',
    controls: [],
    sources: ['DC-STACK'],
    feature: 'Heroku Flow (supply chain)',
    tags: ['app.json', 'buildpacks', 'supply-chain'],
  },
  *check({ document }) {
    for (const site of buildpackSites(document.appJson)) {
      if (site.url.trim().length === 0 || isOfficialBuildpack(site.url)) continue;
      const pin = buildpackPin(site.url);
      if (pin.pinned) continue;
      yield {
        start: site.node.offset,
        end: site.node.offset + site.node.length,
        data: { url: displayBuildpackUrl(site.url), registry: isRegistryShorthand(site.url), ...(pin.branch !== undefined ? { branch: pin.branch } : {}) },
      };
    }
  },
  message: ({ url, branch, registry }) => {
    if (branch !== undefined) return `Third-party buildpack \`${url}\` follows branch \`${branch}\`, so each build may run different code; pin a tag or commit.`;
    if (registry) return `Third-party buildpack \`${url}\` always resolves to its latest registry release; pin a reviewed version with a Git URL and \`#<tag>\`.`;
    return `Third-party buildpack \`${url}\` is not pinned to a tag or commit; add \`#<tag-or-sha>\` to the URL.`;
  },
});
