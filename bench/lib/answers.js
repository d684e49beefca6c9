// Realistic design-phase answers for the url-shortener question, of a given size. The sentences are the
// kind a candidate writes (API, storage, request flow, caching, scaling, trade-offs), varied so that a long
// answer is not one sentence repeated: the grader's cost depends on distinct units and their matches.

import { Buffer } from 'node:buffer';

const SENTENCES = [
  'POST /v1/shorten takes the long URL, an optional custom alias and an optional expiry, and returns 201 with the short link.',
  'GET /:code answers 302 Found with a Location header pointing at the long URL, or 404 when the code is unknown or expired.',
  'A custom alias that is already taken gets a 409 so the client can suggest another one.',
  'Each record holds the code as the primary key, the destination URL, the owner id, the creation time and the expiry time.',
  'I would store links in DynamoDB or Cassandra, partitioned by the code, because every hot query is a lookup by key with no joins.',
  'Over five years we keep about 182 billion links, roughly 91 TB before replication, so the store has to be sharded from day one.',
  'Every partition keeps three replicas across availability zones, so losing a node never takes redirects down.',
  'The create service takes the next integer from a block of IDs it leased from ZooKeeper and base62-encodes it into seven characters.',
  'Seven base62 characters give about 3.5 trillion codes, which covers the links we expect with plenty of room.',
  'Hashing the long URL with MD5 and keeping a prefix needs no coordination, but prefixes collide, so every insert becomes read, check and retry.',
  'A counter never collides, and leasing ranges removes the single counter as a bottleneck and a single point of failure.',
  'If a create server dies we only lose the unused part of its range, which is harmless with trillions of codes available.',
  'Sequential codes are guessable, so the ID goes through a reversible bit shuffle before encoding and nobody can walk through other people\'s links.',
  'The redirect service checks Redis first; on a miss it reads the database, writes the entry back to Redis and answers with the redirect.',
  'The cache is cache-aside with a 24 hour TTL and LRU eviction, so memory holds whatever is being clicked right now.',
  'About 20 percent of links get 80 percent of the traffic, so a cache of a few hundred gigabytes absorbs most redirects.',
  'A Bloom filter of issued codes answers lookups for junk codes without touching the database.',
  'Clicks are published to Kafka fire-and-forget, and an aggregator sums them per code every few seconds, so counting never blocks a redirect.',
  'Create and redirect are two separate services because the redirect side takes a hundred times the traffic and must scale on its own.',
  'Both services are stateless behind a load balancer, so we add instances as the request rate grows.',
  'A CDN edge with GeoDNS serves users worldwide and can hold a hot redirect for a few seconds to keep viral links off the origin.',
  'I would answer with 302 rather than 301: a 301 is cached by the browser, which saves load, but then we never see repeat clicks and cannot revoke a link.',
  'One viral code becomes a hot key on a single Redis shard, so hot entries are copied to several nodes and each redirect box keeps a small in-process LRU.',
  'If a Redis node fails its replica is promoted, and meanwhile misses fall through to the database, which needs headroom for that surge.',
  'A second region serves redirects read-only if the primary region goes dark, since creating links is allowed to degrade.',
  'The redirect path compares the expiry time and returns 404 for dead links, and a TTL on the table deletes the rows in the background.',
  'Link creation is rate limited per IP address and per account, and destinations are checked against a phishing list because shorteners attract spammers.',
  'Writes are about 1,160 per second on average, and reads about 116,000 per second, with peaks of two to three times that.',
  'Outbound bandwidth for redirects is small, around 58 MB per second, because each response is only a few hundred bytes.',
  'The owner id has a secondary index so a signed-in user can list the links they created.',
  'Analytics never sit on the read path: the dashboard reads the aggregated counts, which may lag by a few seconds.',
  'A new link must resolve immediately after creation, so the create path writes the row synchronously before it replies.',
  'We could pre-generate keys in a key service instead of using ranges, but then the key service itself needs replication and careful handout.',
  'Snowflake-style IDs would also work, but they are longer than seven base62 characters at this volume.',
  'The load balancer health-checks every instance and drains one before a deploy, so redirects keep flowing during releases.',
  'Redis runs as a cluster with consistent hashing so adding a node only moves a small part of the keys.',
  'The database is read through the cache for redirects, while the create service writes directly to the database and invalidates nothing, since links are immutable.',
  'Duplicate long URLs get separate codes by default, because deduplication would need an extra index and leaks who shortened what.',
  'Monitoring tracks the redirect p99 latency, the cache hit rate and the error rate per region, with alerts on each.',
  'If the click queue backs up, the redirect service drops events rather than slowing down, because a redirect matters more than a count.',
  'For a read-heavy workload like this, replicas serve reads in every zone and the leader only takes the rare writes.',
  'The short domain is kept as short as possible, and codes use only letters and digits so they never need escaping in a URL.',
];

const HEADINGS = ['## API', '## Storage', '## Request flow', '## Generating codes', '## Caching', '## Scaling', '## Failures'];

/** A design answer of about `bytes` bytes (UTF-8), in paragraphs and bullet lists under headings. */
export const designAnswer = (bytes) => {
  const out = [];
  let size = 0;
  let i = 0;
  let h = 0;
  while (size < bytes) {
    const heading = `${HEADINGS[h++ % HEADINGS.length]}\n`;
    out.push(heading);
    size += heading.length;
    // Alternate prose paragraphs and bullet lists, 3 to 5 sentences each.
    const n = 3 + (h % 3);
    const bullets = h % 2 === 0;
    const parts = [];
    for (let k = 0; k < n && size < bytes; k++) {
      const s = SENTENCES[i++ % SENTENCES.length];
      parts.push(bullets ? `- ${s}` : s);
      size += s.length + 2;
    }
    const para = `${parts.join(bullets ? '\n' : ' ')}\n\n`;
    out.push(para);
  }
  const text = out.join('');
  return Buffer.byteLength(text) > bytes ? text.slice(0, bytes).replace(/\s+\S*$/, '\n') : text;
};
