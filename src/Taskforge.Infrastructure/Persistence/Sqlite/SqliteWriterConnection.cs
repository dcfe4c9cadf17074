using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace Taskforge.Infrastructure.Persistence.Sqlite;

/// <summary>
/// The one writer connection as its statements see it: every command it creates keeps its
/// text's statements prepared for the next command with that text (see
/// <see cref="SqliteStatementCache"/>), so the writes that repeat all day skip SQLite's
/// parsing and planning. It also knows the WAL's length after each of its commits
/// (<see cref="SqliteWalLength"/>). Everything else is the SQLite connection's own.
/// </summary>
internal sealed class SqliteWriterConnection(SqliteConnection inner) : DbConnection
{
    // Texts of the write path that repeat, with room for the few built per call.
    private const int CachedTexts = 128;
    private readonly SqliteStatementCache _statements = new(inner, CachedTexts);
    private readonly SqliteWalLength _walLength = new(inner);

    public SqliteConnection Inner => inner;

    /// <summary>Statements run without being prepared again.</summary>
    public long StatementCacheHits => _statements.Hits;

    /// <summary>Frames in the WAL after this connection's last commit.</summary>
    public int WalFrames => _walLength.Frames;

    [AllowNull]
    public override string ConnectionString
    {
        get => inner.ConnectionString;
        set => inner.ConnectionString = value;
    }

    public override string Database => inner.Database;

    public override string DataSource => inner.DataSource;

    public override string ServerVersion => inner.ServerVersion;

    public override ConnectionState State => inner.State;

    public override void ChangeDatabase(string databaseName) => inner.ChangeDatabase(databaseName);

    public override void Open() => inner.Open();

    public override Task OpenAsync(CancellationToken cancellationToken) => inner.OpenAsync(cancellationToken);

    public override void Close() => inner.Close();

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) =>
        inner.BeginTransaction(isolationLevel);

    protected override DbCommand CreateDbCommand() => new CachedSqliteCommand(this, _statements);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _statements.Dispose();
            _walLength.Dispose();
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
