.class public Lcom/appaudit/sigprobe/MainActivity;
.super Landroid/app/Activity;
.source "MainActivity.java"

# Generic types the way Gson and Retrofit read them: a TypeToken subclass's superclass, a method's return
# type and a field's type. Each must be a ParameterizedType, as on ART; onCreate throws otherwise.

.field public items:Ljava/util/List;
    .annotation system Ldalvik/annotation/Signature;
        value = {
            "Ljava/util/List<",
            "Ljava/lang/Integer;",
            ">;"
        }
    .end annotation
.end field

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method public names()Ljava/util/Map;
    .registers 2
    .annotation system Ldalvik/annotation/Signature;
        value = {
            "()",
            "Ljava/util/Map<",
            "Ljava/lang/String;",
            "Ljava/lang/Long;",
            ">;"
        }
    .end annotation
    const/4 v0, 0x0
    return-object v0
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .registers 5
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    new-instance v0, Lcom/appaudit/sigprobe/MainActivity$1;
    invoke-direct {v0}, Lcom/appaudit/sigprobe/MainActivity$1;-><init>()V
    const-class v0, Lcom/appaudit/sigprobe/MainActivity;
    const-string v1, "names"
    const/4 v2, 0x0
    new-array v2, v2, [Ljava/lang/Class;
    invoke-virtual {v0, v1, v2}, Ljava/lang/Class;->getDeclaredMethod(Ljava/lang/String;[Ljava/lang/Class;)Ljava/lang/reflect/Method;
    move-result-object v1
    invoke-virtual {v1}, Ljava/lang/reflect/Method;->getGenericReturnType()Ljava/lang/reflect/Type;
    move-result-object v1
    instance-of v1, v1, Ljava/lang/reflect/ParameterizedType;
    if-nez v1, :method_ok
    new-instance v0, Ljava/lang/RuntimeException;
    const-string v1, "Missing method signature."
    invoke-direct {v0, v1}, Ljava/lang/RuntimeException;-><init>(Ljava/lang/String;)V
    throw v0
    :method_ok
    const-string v1, "items"
    invoke-virtual {v0, v1}, Ljava/lang/Class;->getDeclaredField(Ljava/lang/String;)Ljava/lang/reflect/Field;
    move-result-object v1
    invoke-virtual {v1}, Ljava/lang/reflect/Field;->getGenericType()Ljava/lang/reflect/Type;
    move-result-object v1
    instance-of v1, v1, Ljava/lang/reflect/ParameterizedType;
    if-nez v1, :field_ok
    new-instance v0, Ljava/lang/RuntimeException;
    const-string v1, "Missing field signature."
    invoke-direct {v0, v1}, Ljava/lang/RuntimeException;-><init>(Ljava/lang/String;)V
    throw v0
    :field_ok
    return-void
.end method
