using System.Collections.Concurrent;

namespace Taskforge.Infrastructure.Persistence;

/// <summary>
/// Each owner's default project id, remembered by this process: a create without a project
/// then needs no lookup before its write. Safe to share between instances and to keep across
/// transactions because the default project is made once per owner and its id never changes
/// (it cannot be deleted on its own; an owner's deletion is caught by the write's hold).
/// Bounded: past the limit it starts over rather than grow.
/// </summary>
public sealed class DefaultProjectIds
{
    private const int Limit = 100_000;
    private readonly ConcurrentDictionary<Guid, Guid> _ids = new();

    public Guid? Find(Guid ownerId) => _ids.TryGetValue(ownerId, out var id) ? id : null;

    public void Remember(Guid ownerId, Guid projectId)
    {
        if (_ids.Count >= Limit)
        {
            _ids.Clear();
        }

        _ids[ownerId] = projectId;
    }
}
