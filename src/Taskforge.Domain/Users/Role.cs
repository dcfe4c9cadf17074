namespace Taskforge.Domain.Users;

public enum Role
{
    User = 0,
    Admin = 1,
}
