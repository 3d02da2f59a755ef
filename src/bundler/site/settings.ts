import { basename, resolve } from "node:path";
import type { Site } from "../../site.js";
import { TAG_FEEDS } from "../../paths.js";
import { absoluteUrl } from "./absolute-url.js";
import type { SiteConfig } from "./config.js";

/**
 * The settings that travel with the content to the edge (the manifest's `site` section), from
 * the site's `_config.yml`. A site without a title is named by its url's host, else its folder.
 */
export function siteSettings(config: SiteConfig, root: string): Site {
  const url = config.url.replace(/\/+$/, "");
  const host = url ? new URL(url).host : "";
  const { feed, publisher } = config;
  return {
    title: config.title || host || basename(resolve(root)),
    description: config.description,
    url,
    baseurl: config.baseurl,
    idBase: absoluteUrl(config, "/").replace(/\/$/, ""),
    language: config.lang,
    timeZone: config.timeZone,
    ...(config.author ? { author: config.author } : {}),
    itemsPerFeed: publisher.itemsPerFeed,
    httpsHosts: publisher.httpsHosts,
    websubHub: publisher.websubHub,
    filterWindow: publisher.filterWindow,
    feed: {
      path: feed.path,
      categories: feed.categories,
      tags: feed.tags ? { ...(feed.tags.only ? { only: feed.tags.only } : {}), except: feed.tags.except, path: feed.tags.path || TAG_FEEDS } : false,
      excerptOnly: feed.excerptOnly,
      ...(feed.icon ? { icon: feed.icon } : {}),
      ...(feed.logo ? { logo: feed.logo } : {}),
    },
  };
}
