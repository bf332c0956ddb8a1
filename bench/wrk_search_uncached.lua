-- wrk: site search where every request is a query string never asked before (the result cache never answers),
-- cycling through the benchmark's search terms; reports like wrk_report.lua.
local terms = {"inloggen", "wachtwoord", "sms-code", "rapportage", "zorgplan", "evaluatie", "afspraak",
  "vertegenwoordiger", "privacy", "toegang", "handtekening", "medicatie", "familie+klacht", "zorg+team",
  "overzicht+dossier", "Zonnedal"}
local counter = 0
local thread_id = 0
local threads = 0

setup = function(thread)
  thread:set("thread_id", threads)
  threads = threads + 1
end

request = function()
  counter = counter + 1
  local term = terms[(counter % #terms) + 1]
  return wrk.format("GET", string.format("/zoeken/?q=%s&bench=%d-%d-%d", term, thread_id, counter, os.time()))
end

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format(
    'WRK_JSON {"requests": %d, "seconds": %.3f, "errors": %d, "p50": %.3f, "p95": %.3f, "p99": %.3f}\n',
    summary.requests, summary.duration / 1e6, errors,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
