-- A condition a write transaction commits under (the task's project still live, the task still
-- at the version read), checked among the transaction's queued writes: when it is false this
-- raises an error with a code of ours, the server skips the rest of the command, COMMIT
-- included, and the session answers the code's outcome instead of committing. So a write and its
-- conditions go out as one command: one round trip for a create, where the conditions used to be
-- statements of their own (DbSession.RequireAsync, WriteRequirements).
CREATE FUNCTION taskforge_require(ok boolean, code text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF ok IS NOT TRUE THEN
        RAISE EXCEPTION 'taskforge requirement %', code USING ERRCODE = code;
    END IF;
END
$$;
