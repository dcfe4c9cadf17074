using Microsoft.Data.Sqlite;

namespace Taskforge.Infrastructure.Persistence.Sqlite;

/// <summary>
/// The writer connection's commands kept between uses, one per SQL text, with their statements
/// still prepared: Microsoft.Data.Sqlite prepares a command's text once and reuses the statements
/// while the same command runs the same text again, but a new command prepares anew (it has no
/// cache across commands). Texts built per call (IN lists, batched statements) would never be
/// reused, so the cache keeps only the most recently returned <c>capacity</c> commands and
/// disposes the rest; a miss costs what every statement cost before.
/// </summary>
internal sealed class SqliteStatementCache(SqliteConnection connection, int capacity) : IDisposable
{
    private readonly Dictionary<string, LinkedListNode<SqliteCommand>> _idle = new(StringComparer.Ordinal);

    // Most recently returned first.
    private readonly LinkedList<SqliteCommand> _recent = new();
    private bool _disposed;
    private long _hits;

    /// <summary>Commands handed out with their statements already prepared.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>The idle command for this text, or a new one when none waits (or it is in use).</summary>
    public SqliteCommand Rent(string text)
    {
        lock (_idle)
        {
            if (_idle.Remove(text, out var node))
            {
                _recent.Remove(node);
                _hits++;
                return node.Value;
            }
        }

        var command = connection.CreateCommand();
        command.CommandText = text;
        return command;
    }

    /// <summary>Takes a command back, its reader closed, for the next use of its text.</summary>
    public void Return(SqliteCommand command)
    {
        command.Parameters.Clear();
        command.Transaction = null;
        var evicted = command;
        lock (_idle)
        {
            if (!_disposed && command.CommandText.Length > 0 && !_idle.ContainsKey(command.CommandText))
            {
                _idle.Add(command.CommandText, _recent.AddFirst(command));
                evicted = null;
                if (_idle.Count > capacity && _recent.Last is { } oldest)
                {
                    _recent.RemoveLast();
                    _idle.Remove(oldest.Value.CommandText);
                    evicted = oldest.Value;
                }
            }
        }

        evicted?.Dispose();
    }

    public void Dispose()
    {
        List<SqliteCommand> idle;
        lock (_idle)
        {
            _disposed = true;
            idle = [.. _recent];
            _recent.Clear();
            _idle.Clear();
        }

        foreach (var command in idle)
        {
            command.Dispose();
        }
    }
}
