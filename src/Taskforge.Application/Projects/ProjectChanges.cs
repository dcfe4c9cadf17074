using Taskforge.Application.Common;
using Taskforge.Application.Tasks;
using Taskforge.Domain.Projects;

namespace Taskforge.Application.Projects;

/// <summary>The fields a write may change; a POST or PUT sets all of them, a merge patch only those it names.</summary>
public sealed record ProjectChanges(Optional<string?> Name, Optional<string?> Description)
{
    public static ProjectChanges All(string? name, string? description) =>
        new(Optional<string?>.Of(name), Optional<string?>.Of(description));

    /// <summary>Name and description after the changes, or the field errors that forbid them.</summary>
    internal Result<(string Name, string? Description)> ApplyTo(string currentName, string? currentDescription)
    {
        var name = Name.Or(currentName);
        var description = Description.Or(currentDescription);
        var validator = new Validator()
            .RequiredText("name", name, Project.NameMaxLength)
            .Storable("name", name)
            .Text("description", description, 0, Project.DescriptionMaxLength)
            .Storable("description", description);
        return validator.IsValid ? (name!, description) : validator.ToError();
    }
}
