using Taskforge.Application.Common;
using Taskforge.Domain.Users;

namespace Taskforge.Application.Users;

public sealed class GetUser(IUserRepository users)
{
    public async Task<Result<User>> ExecuteAsync(Guid id, CancellationToken ct) =>
        await users.FindAsync(id, ct) is { } user ? user : UserErrors.NotFound;
}
