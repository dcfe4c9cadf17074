using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Taskforge.Infrastructure.Persistence.Sqlite;

/// <summary>
/// The WAL's length in frames after the connection's last commit, as SQLite tells a WAL hook
/// (<c>sqlite3_wal_hook</c>, which SQLitePCLRaw does not wrap, so it is called here directly).
/// The hook takes the slot SQLite's own auto-checkpoint uses: on this connection, whoever reads
/// the length decides when the WAL is copied. The hook writes to memory outside the managed
/// heap, and is removed before the connection goes back to the pool, where another connection
/// would inherit it.
/// </summary>
internal sealed class SqliteWalLength : IDisposable
{
    private const string Library = "e_sqlite3"; // the native library SQLitePCLRaw's bundle loads

    // Static, so the delegate SQLite calls back lives as long as the process.
    private static readonly WalHook Hook = Record;

    private readonly SqliteConnection _connection;
    private IntPtr _frames;

    public SqliteWalLength(SqliteConnection connection)
    {
        _connection = connection;
        _frames = Marshal.AllocHGlobal(sizeof(int));
        Marshal.WriteInt32(_frames, 0);
        _ = SetHook(Handle, Marshal.GetFunctionPointerForDelegate(Hook), _frames);
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int WalHook(IntPtr frames, IntPtr db, IntPtr databaseName, int framesInWal);

    /// <summary>Frames in the WAL after the last commit on this connection (0 before the first).</summary>
    public int Frames => Marshal.ReadInt32(_frames);

    private IntPtr Handle => _connection.Handle!.DangerousGetHandle();

    public void Dispose()
    {
        if (_frames == IntPtr.Zero)
        {
            return;
        }

        _ = SetHook(Handle, IntPtr.Zero, IntPtr.Zero);
        Marshal.FreeHGlobal(_frames);
        _frames = IntPtr.Zero;
    }

    private static int Record(IntPtr frames, IntPtr db, IntPtr databaseName, int framesInWal)
    {
        Marshal.WriteInt32(frames, framesInWal);
        return 0; // SQLITE_OK: the commit stands whatever the hook does
    }

    [DllImport(Library, EntryPoint = "sqlite3_wal_hook", CallingConvention = CallingConvention.Cdecl)]
    private static extern IntPtr SetHook(IntPtr db, IntPtr hook, IntPtr frames);
}
