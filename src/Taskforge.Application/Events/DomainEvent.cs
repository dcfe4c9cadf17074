using Taskforge.Application.Projects;
using Taskforge.Application.Tasks;
using Taskforge.Application.Users;
using Taskforge.Domain.Events;
using Taskforge.Domain.Projects;
using Taskforge.Domain.Tasks;
using Taskforge.Domain.Users;

namespace Taskforge.Application.Events;

/// <summary>
/// Something that happened, as it is recorded in the outbox: <see cref="Data"/> is the resource
/// as <c>GET</c> shows it in v1 (<c>{id}</c> for deletes), serialised when recorded.
/// </summary>
public sealed record DomainEvent(Guid Id, string Type, DateTimeOffset OccurredAt, Guid? UserId, object Data)
{
    public static DomainEvent Of(string type, Guid? userId, object data, DateTimeOffset at) =>
        new(Guid.CreateVersion7(at), type, at, userId, data);

    public static DomainEvent ForUser(string type, User user, DateTimeOffset at) =>
        Of(type, user.Id, UserResponse.From(user), at);

    public static DomainEvent ForProject(string type, Project project, DateTimeOffset at) =>
        Of(type, project.OwnerId, ProjectResponse.From(project), at);

    public static DomainEvent ForTask(string type, TaskItem task, DateTimeOffset at) =>
        Of(type, task.OwnerId, TaskResponse.From(task), at);

    public static DomainEvent Deleted(string type, Guid userId, Guid id, DateTimeOffset at) =>
        Of(type, userId, new DeletedResource(id), at);
}

/// <summary>The data of a delete event: only the id of what is gone.</summary>
public sealed record DeletedResource(Guid Id);
