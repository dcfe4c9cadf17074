-- A plain GET of the URL path given to wrk (lists, /users/me). Exists so that every scenario
-- runs through a script; the Authorization header comes from run.sh (-H).
wrk.method = "GET"
