// The departmental feeds and their schemas (static per server version: fetched once).
import { feedsList } from './api'
import { i18n } from '../i18n'
import type { Feed } from './types'

let feedsP: Promise<Feed[]> | null = null
export function loadFeeds(): Promise<Feed[]> {
  if (!feedsP) feedsP = feedsList().catch((e) => {
    feedsP = null
    throw e
  })
  return feedsP
}

const en = () => String(i18n.global.locale.value).startsWith('en')
/** A feed's name (and its department's) in the current language; the server's Chinese when the feed is unknown. */
export function feedName(feeds: Feed[], code: string, zh: string): string {
  const f = en() ? feeds.find((x) => x.code === code) : null
  return f ? f.en : zh
}
export function sourceName(feeds: Feed[], code: string, zh: string): string {
  const f = en() ? feeds.find((x) => x.code === code) : null
  return f ? f.source_en : zh
}
