namespace Taskforge.Api.Http;

public static class ProblemMetadata
{
    /// <summary>
    /// Declares the problem responses an endpoint can give, for the OpenAPI document; any endpoint
    /// can also answer 500 (a bug) and 503 (the database unreachable).
    /// </summary>
    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            builder =
                status == StatusCodes.Status400BadRequest
                    ? builder.ProducesValidationProblem()
                    : builder.ProducesProblem(status);
        }

        return builder
            .ProducesProblem(StatusCodes.Status500InternalServerError)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }
}
