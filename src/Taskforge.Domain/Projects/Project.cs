using Taskforge.Domain.Common;

namespace Taskforge.Domain.Projects;

public sealed class Project : Entity
{
    public const string InboxName = "Inbox";
    public const int NameMaxLength = 200;
    public const int DescriptionMaxLength = 10_000;

    public Guid OwnerId { get; private init; }

    public string Name { get; private set; } = "";

    public string? Description { get; private set; }

    public bool IsDefault { get; private init; }

    private Project() { }

    public Project(Guid ownerId, string name, string? description, bool isDefault, DateTimeOffset now)
        : base(now)
    {
        OwnerId = ownerId;
        Name = name;
        Description = description;
        IsDefault = isDefault;
    }

    public static Project CreateInbox(Guid ownerId, DateTimeOffset now) => new(ownerId, InboxName, null, true, now);

    public void Change(string name, string? description, DateTimeOffset now)
    {
        Name = name;
        Description = description;
        Touch(now);
    }
}
