using Taskforge.Application.Common;
using Taskforge.Domain.Users;

namespace Taskforge.Application.Users;

public sealed class ListUsers(IUserRepository users)
{
    public async Task<Result<Page<User, UserListKey>>> ExecuteAsync(
        string? search,
        int limit,
        UserListKey? after,
        CancellationToken ct
    )
    {
        var validator = new Validator().Text("q", search, 0, User.EmailMaxLength);
        if (!validator.IsValid)
        {
            return validator.ToError();
        }

        var term = string.IsNullOrWhiteSpace(search) ? null : search.Trim();
        var rows = await users.ListAsync(new UserListQuery(term, after?.Id, limit + 1), ct);
        return Paging.Cut(rows, limit, user => new UserListKey(user.Id));
    }
}
